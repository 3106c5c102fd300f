package com.slm.adapter.strongswan.vici;

/**
 * The socket to charon could not be opened, broke, or was closed by charon. Always retryable: the client
 * drops the connection and opens a new one on the next call.
 */
public class ViciConnectionException extends ViciException {
    public ViciConnectionException(String message, Throwable cause) {
        super(message, true, cause);
    }

    public ViciConnectionException(String message) {
        this(message, null);
    }
}
