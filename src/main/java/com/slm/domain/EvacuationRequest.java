package com.slm.domain;

import java.util.List;

/**
 * What an operator asked for when evacuating a subnet: every listed VM of {@code subnet} moves from the secure
 * environment {@code sourceEnvironment} to {@code target}, each by the same options as a single migration, at most
 * {@code parallelism} at a time. The VMs are resolved (and sorted) at start, so the approver reads the exact list.
 */
public record EvacuationRequest(
        String subnet,
        List<String> vmNames,
        String sourceEnvironment,
        HostRef target,
        String reason,
        Integer bandwidthMiBps,
        Integer maxDowntimeMs,
        boolean autoConverge,
        BlackoutMode blackoutMode,
        int parallelism) {

    public EvacuationRequest {
        vmNames = List.copyOf(vmNames);
        blackoutMode = blackoutMode == null ? BlackoutMode.STRICT : blackoutMode;
    }

    /** The single migration of one of the batch's VMs from {@code sourceHost}, with the batch's options. */
    public MigrationRequest migrationOf(String vmName, String sourceHost) {
        return new MigrationRequest(vmName, new HostRef(sourceEnvironment, sourceHost), target, reason,
                bandwidthMiBps, maxDowntimeMs, autoConverge, blackoutMode);
    }
}
