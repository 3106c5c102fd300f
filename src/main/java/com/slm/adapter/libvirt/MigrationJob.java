package com.slm.adapter.libvirt;

import com.slm.domain.MigrationRequest;
import com.slm.port.PortException;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One VM's migration as this process knows it first-hand ({@link MigrationJobRunner}). It begins as the start call's
 * claim on the VM, which decides whether to migrate at all; once started, it lasts until libvirt's blocking call
 * returns, and then keeps the outcome, which libvirt forgets with the source's domain.
 */
final class MigrationJob {
    final MigrationRequest request;
    final MigrationPlan plan;
    /**
     * The VM's job that this claim replaced (ended, or none): what the VM's progress still shows until this one
     * starts, and what the VM's entry goes back to if it never does.
     */
    private volatile MigrationJob previous;
    private volatile boolean started;
    private volatile String error;
    private final CountDownLatch decided = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);

    MigrationJob(MigrationRequest request, MigrationPlan plan) {
        this.request = request;
        this.plan = plan;
    }

    /** This claim takes an ended job's place; that job's own predecessor is of no use to anyone any more. */
    MigrationJob replacing(MigrationJob predecessor) {
        if (predecessor != null) {
            predecessor.previous = null;
        }
        this.previous = predecessor;
        return this;
    }

    MigrationJob previous() {
        return previous;
    }

    void markStarted() {
        started = true;
    }

    boolean started() {
        return started;
    }

    /** The start call that claimed the VM is over: the job started and libvirt shows it, or it never will start. */
    void markDecided() {
        decided.countDown();
    }

    boolean decided() {
        return decided.getCount() == 0;
    }

    void awaitDecision() {
        await(() -> {
            decided.await();
            return true;
        });
    }

    /** libvirt's call returned: {@code error} is null when the VM moved. */
    void finish(String error) {
        this.error = error;
        ended.countDown();
    }

    boolean ended() {
        return ended.getCount() == 0;
    }

    /** Why the migration failed; empty while it runs and when it succeeded. */
    Optional<String> failure() {
        return ended() ? Optional.ofNullable(error) : Optional.empty();
    }

    /** Whether the migration ended within the limit. */
    boolean awaitEnd(Duration limit) {
        return await(() -> ended.await(limit.toMillis(), TimeUnit.MILLISECONDS));
    }

    private interface Wait {
        boolean await() throws InterruptedException;
    }

    private static boolean await(Wait wait) {
        try {
            return wait.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortException("interrupted", true, e);
        }
    }
}
