package com.slm.domain;

/**
 * The sealed request of a migration no longer matches the digest that was checked or approved: somebody changed
 * it. Steps refuse to act on it; the migration stops with an incident that says so, before any side effect.
 */
public class RequestAlteredException extends RuntimeException {
    public RequestAlteredException(String message) {
        super(message);
    }
}
