package com.slm.domain;

import java.util.List;

/**
 * What charon reports of one CHILD_SA, for audit. Never carries keys.
 */
public record SaDetails(
        String gateway,
        String ikeSa,
        String childSa,
        String state,
        String spiIn,
        String spiOut,
        String proposal,
        List<String> localTs,
        List<String> remoteTs,
        long bytesIn,
        long bytesOut) {
}
