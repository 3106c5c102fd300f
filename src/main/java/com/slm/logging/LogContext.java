package com.slm.logging;

import org.slf4j.MDC;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The names of the context every log line can carry (MDC keys, JSON fields), documented in docs/logs.md, and the
 * hand-off of that context to a thread the product starts for a step. The engine itself sets
 * {@link #PROCESS_INSTANCE_ID}, {@link #VM} and {@link #BLOCK} around every command that runs an execution
 * (config/EngineLoggingContext); the product sets the others.
 */
public final class LogContext {
    /** The migration's process instance id. */
    public static final String PROCESS_INSTANCE_ID = "processInstanceId";
    /** The VM being migrated: the instance's business key, which block 310 sets from the sealed request. */
    public static final String VM = "vm";
    /** The BPMN activity id the line was written in, e.g. {@code Block330_LiveMigrate}. */
    public static final String BLOCK = "block";
    /** The IKE connection the IPsec watchdog is healing. */
    public static final String IPSEC_CONN = "ipsecConn";
    /** The CHILD_SA the IPsec watchdog is bringing back. */
    public static final String IPSEC_CHILD = "ipsecChild";

    private LogContext() {
    }

    /**
     * Sets {@code key} until the returned scope closes, then puts back what the key held before: a thread that
     * already carries a step's context (the engine's, or one handed over by {@link #carried}) keeps it.
     */
    public static Scope with(String key, String value) {
        String before = MDC.get(key);
        MDC.put(key, value);
        return () -> {
            if (before == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, before);
            }
        };
    }

    /** {@code work}, run on another thread with the context of the thread that calls this (a step's, usually). */
    public static Runnable carried(Runnable work) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        return () -> {
            Map<String, String> before = MDC.getCopyOfContextMap();
            replaceWith(context);
            try {
                work.run();
            } finally {
                replaceWith(before);
            }
        };
    }

    /** {@code work}, run on another thread with the context of the thread that calls this (a step's, usually). */
    public static <T> Callable<T> carried(Callable<T> work) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        return () -> {
            Map<String, String> before = MDC.getCopyOfContextMap();
            replaceWith(context);
            try {
                return work.call();
            } finally {
                replaceWith(before);
            }
        };
    }

    /** The other halves: calls that wait on daemons, kept out of the shared ForkJoinPool; threads end when idle. */
    private static final ExecutorService OTHER_HALVES = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "both-at-once");
        t.setDaemon(true);
        return t;
    });

    /**
     * Runs {@code first} on another thread (carrying this context) while {@code second} runs on this one, and
     * returns both results once both are done: work on two daemons then waits for the slower, not for the sum.
     * A failure of either is rethrown as it was, once the other is done too.
     */
    public static <T> List<T> bothAtOnce(Supplier<T> first, Supplier<T> second) {
        Callable<T> withContext = carried((Callable<T>) first::get);   // the context is taken here, on this thread
        CompletableFuture<T> other = CompletableFuture.supplyAsync(() -> {
            try {
                return withContext.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, OTHER_HALVES);
        T here;
        try {
            here = second.get();
        } catch (RuntimeException e) {
            other.handle((r, x) -> null).join();
            throw e;
        }
        try {
            return Arrays.asList(other.join(), here);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** A key set for a while: closing it puts back the key's earlier value. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private static void replaceWith(Map<String, String> context) {
        if (context == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(context);
        }
    }
}
