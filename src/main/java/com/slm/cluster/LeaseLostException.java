package com.slm.cluster;

/** This node no longer holds a lease it was working under: it expired and another node took it, or it was released. */
public class LeaseLostException extends RuntimeException {
    public LeaseLostException(String message) {
        super(message);
    }
}
