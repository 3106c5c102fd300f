package com.slm.adapter.strongswan;

import com.slm.adapter.strongswan.vici.ViciEventSubscription;
import com.slm.adapter.strongswan.vici.ViciMessage;
import com.slm.adapter.strongswan.vici.ViciUpdown;
import com.slm.port.PortException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes a step when charon reports one CHILD_SA up on one gateway ({@code child-updown} with {@code up = yes}):
 * {@code initiate} returns once the initiator has the CHILD_SA, and the responder may list it INSTALLED a moment
 * later. Opened before the initiation, so that the event cannot pass before anyone listens; closed after the wait.
 * <p>
 * A hint only: the caller confirms with list-sas, and when no subscription could be opened (or charon ends it)
 * {@link #await} simply waits its time, so that the caller falls back to looking again at that pace.
 */
final class ChildSaUpWait implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChildSaUpWait.class);

    private final String conn;
    private final String child;
    /** One permit per up event of the CHILD_SA not yet waited for. */
    private final Semaphore ups = new Semaphore(0);
    private ViciEventSubscription subscription;

    private ChildSaUpWait(String conn, String child) {
        this.conn = conn;
        this.child = child;
    }

    /** Listens to the environment's charon for the CHILD_SA {@code child} of {@code conn} coming up. */
    static ChildSaUpWait on(ViciGateways gateways, String environment, String conn, String child) {
        ChildSaUpWait wait = new ChildSaUpWait(conn, child);
        try {
            wait.subscription = gateways.subscribe(environment, (event, message) -> wait.seen(message), "child-updown");
        } catch (RuntimeException e) {
            // no events, whatever the reason: the caller's re-checks still find the CHILD_SA, only later
            LOG.warn("No child-updown events from charon of {} for CHILD_SA {} of {}: list-sas is asked at intervals "
                    + "instead: {}", environment, child, conn, e.getMessage());
        }
        return wait;
    }

    private void seen(ViciMessage message) {
        ViciUpdown updown = ViciUpdown.from(message);
        if (updown.up() && updown.concerns(conn, child)) {
            ups.release();
        }
    }

    /**
     * Waits at most {@code atMost} for an up event of the CHILD_SA that came since the last call; true if one
     * came (all that came are taken: one look at list-sas answers them all).
     */
    boolean await(Duration atMost) {
        try {
            if (!ups.tryAcquire(atMost.toNanos(), TimeUnit.NANOSECONDS)) {
                return false;
            }
            ups.drainPermits();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortException("interrupted while waiting for CHILD_SA " + child + " of " + conn, true, e);
        }
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
    }
}
