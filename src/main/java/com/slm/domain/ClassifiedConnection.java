package com.slm.domain;

/** A non-managed session with its block-360 verdict: secure (and why) or insecure. */
public record ClassifiedConnection(ObservedConnection connection, boolean secure, String reason) {
}
