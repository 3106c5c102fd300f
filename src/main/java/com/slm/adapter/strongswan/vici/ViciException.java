package com.slm.adapter.strongswan.vici;

/**
 * Base of every failure of a VICI exchange. {@code retryable} tells the caller whether the same call may
 * succeed later (charon restarting, a slow daemon) or not (a rejected configuration, an unknown command).
 * Messages never contain message values: a value may be a key or a password.
 */
public class ViciException extends RuntimeException {
    private final boolean retryable;

    public ViciException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public ViciException(String message, boolean retryable) {
        this(message, retryable, null);
    }

    public boolean isRetryable() {
        return retryable;
    }
}
