package com.slm.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A migration request as it was validated at start, frozen: its canonical JSON text and the SHA-256 digest of
 * that text. The approver sees the digest and the approval records it; every step then re-reads the request from
 * this text and refuses to act when the text no longer hashes to the digest that was approved.
 */
public record SealedRequest(String json, String digest) {
    /*
     * The keys of the sealed JSON, spelled once for whoever writes or reads it (the steps, the audit). A stored
     * format: requests sealed long ago are read with the same keys, so these never follow a renamed variable.
     */
    public static final String VM_NAME = "vmName";
    public static final String SOURCE = "source";
    public static final String TARGET = "target";
    /** Inside {@link #SOURCE} and {@link #TARGET}. */
    public static final String ENVIRONMENT = "environment";
    /** Inside {@link #SOURCE} and {@link #TARGET}. */
    public static final String HOST = "host";
    public static final String REASON = "reason";
    public static final String BANDWIDTH_MIBPS = "bandwidthMiBps";
    public static final String MAX_DOWNTIME_MS = "maxDowntimeMs";
    public static final String AUTO_CONVERGE = "autoConverge";
    public static final String BLACKOUT_MODE = "blackoutMode";
    public static final String REQUESTED_BY = "requestedBy";
    // an evacuation's own keys (its request shares the ones above, but for the source, an environment only)
    public static final String SUBNET = "subnet";
    public static final String VM_NAMES = "vmNames";
    public static final String SOURCE_ENVIRONMENT = "sourceEnvironment";
    public static final String PARALLELISM = "parallelism";

    public SealedRequest {
        if (json == null || digest == null) {
            throw new IllegalArgumentException("a sealed request has both its JSON and its digest");
        }
    }

    /** Seals the canonical JSON text of a request. */
    public static SealedRequest of(String canonicalJson) {
        return new SealedRequest(canonicalJson, sha256(canonicalJson));
    }

    /** True when the text still hashes to the recorded digest. */
    public boolean intact() {
        return MessageDigest.isEqual(sha256(json).getBytes(StandardCharsets.US_ASCII),
                digest.getBytes(StandardCharsets.US_ASCII));
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
