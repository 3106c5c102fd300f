package com.slm.domain;

/** What block 365 did about one insecure session, for audit. */
public record ConnectionAction(String connection, String peer, boolean policyExtended, boolean reset, String action) {
}
