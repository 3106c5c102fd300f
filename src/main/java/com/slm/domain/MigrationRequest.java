package com.slm.domain;

/**
 * What an operator asked for (blocks 310 and 315): which VM, from where, to where, and why.
 * Options are optional: {@code null} means "libvirt's default"; the blackout mode defaults to strict.
 */
public record MigrationRequest(
        String vmName,
        HostRef source,
        HostRef target,
        String reason,
        Integer bandwidthMiBps,
        Integer maxDowntimeMs,
        boolean autoConverge,
        BlackoutMode blackoutMode) {

    public MigrationRequest {
        blackoutMode = blackoutMode == null ? BlackoutMode.STRICT : blackoutMode;
    }
}
