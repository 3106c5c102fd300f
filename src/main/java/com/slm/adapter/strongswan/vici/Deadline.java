package com.slm.adapter.strongswan.vici;

import java.time.Duration;

/** A point in time after which a call gives up; {@link #NONE} never expires (the event listener waits forever). */
final class Deadline {
    static final Deadline NONE = new Deadline(Long.MAX_VALUE, Duration.ZERO);

    private final long endNanos;
    private final Duration timeout;

    private Deadline(long endNanos, Duration timeout) {
        this.endNanos = endNanos;
        this.timeout = timeout;
    }

    static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos(), timeout);
    }

    boolean unlimited() {
        return this == NONE;
    }

    /** Milliseconds left, at least 1 while not expired; 0 when expired. */
    long remainingMillis() {
        long left = endNanos - System.nanoTime();
        if (left <= 0) {
            return 0;
        }
        return Math.max(1, left / 1_000_000);
    }

    Duration timeout() {
        return timeout;
    }
}
