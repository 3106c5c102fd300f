package com.slm.adapter.strongswan;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs the watchdog's heal passes one at a time, whether the schedule or charon's down event asks. A pass lists the
 * SAs of every kept connection and records what it saw for the health check ({@link ChildSaObservations}): two at
 * once would interleave those records and double charon's load for nothing. A pass asked for while one runs is not
 * started beside it: the running one is followed by exactly one more, however many asked meanwhile (a lost
 * IKE_SA brings several events within milliseconds, and that next pass sees them all).
 * <p>
 * Passes that events ask for run on one daemon thread, {@value #THREAD}, so that a pass never holds up the event
 * connection that asked for it; the scheduled ones run on the scheduler's thread.
 */
final class HealPasses implements AutoCloseable {
    static final String THREAD = "slm-ipsec-heal";
    private static final Logger LOG = LoggerFactory.getLogger(HealPasses.class);

    private final Runnable pass;
    /** One thread; a queue of one, since at most one loop of passes is ever handed over (see {@link #request}). */
    private final ThreadPoolExecutor onRequest;
    private boolean running;
    private boolean again;
    private boolean closed;

    HealPasses(Runnable pass) {
        this.pass = pass;
        this.onRequest = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1), task -> {
            Thread thread = new Thread(task, THREAD);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A pass now, on the calling thread; while one runs elsewhere, that one is followed by one more instead. */
    void runNow() {
        if (claim()) {
            passesWhileAsked();
        }
    }

    /**
     * A pass as soon as possible, on the heal thread; returns at once (it is called on an event connection's thread).
     * While one runs, that one is followed by one more instead.
     */
    void request() {
        if (!claim()) {
            return;
        }
        try {
            onRequest.execute(() -> {
                try {
                    passesWhileAsked();
                } catch (RuntimeException e) {
                    LOG.warn("IPsec heal pass asked for by charon's event failed; the next scheduled pass tries again: {}",
                            e.toString());
                }
            });
        } catch (RejectedExecutionException stopping) {
            // closed between the claim and here: the product stops, no pass is due
            release();
        }
    }

    /** True if the caller is to run the passes; false if one runs already (it then runs once more) or after close. */
    private synchronized boolean claim() {
        if (closed) {
            return false;
        }
        if (running) {
            again = true;
            return false;
        }
        running = true;
        return true;
    }

    private void passesWhileAsked() {
        boolean finished = false;
        try {
            while (!finished) {
                pass.run();
                finished = nothingMoreAsked();
            }
        } finally {
            if (!finished) {
                // the pass threw: the next one asked for starts afresh
                release();
            }
        }
    }

    /** Ends the claim unless another pass was asked for meanwhile, in one step, so that no request falls between. */
    private synchronized boolean nothingMoreAsked() {
        if (again && !closed) {
            again = false;
            return false;
        }
        running = false;
        again = false;
        return true;
    }

    private synchronized void release() {
        running = false;
        again = false;
    }

    /** No pass starts any more; one that runs ends by itself (its VICI clients are closed with the product). */
    @PreDestroy
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        // no interrupt: a VICI call's selector would spin until its deadline on a thread left interrupted
        onRequest.shutdown();
    }

    /** For tests: waits until the heal thread has ended after {@link #close()}. */
    boolean awaitStopped(long millis) throws InterruptedException {
        return onRequest.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }
}
