package com.slm.port;

/**
 * A port operation failed. The message names the host or daemon and the underlying error, so that an
 * incident built from it tells an admin what went wrong. {@code retryable} says whether trying again later
 * can help (a daemon that does not answer) or not (a VM that does not exist).
 */
public class PortException extends RuntimeException {
    private final boolean retryable;

    public PortException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public PortException(String message, boolean retryable) {
        this(message, retryable, null);
    }

    public boolean isRetryable() {
        return retryable;
    }
}
