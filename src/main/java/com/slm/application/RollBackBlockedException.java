package com.slm.application;

/** A roll-back cannot go on until the cause is gone (a job that does not abort, a VM that is nowhere): an incident. */
public class RollBackBlockedException extends RuntimeException {
    public RollBackBlockedException(String message) {
        super(message);
    }
}
