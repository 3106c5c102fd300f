package com.slm.port;

import com.slm.domain.CheckResult;
import com.slm.domain.HostRef;
import com.slm.domain.MigrationProgress;
import com.slm.domain.MigrationRequest;
import com.slm.domain.VmPlacement;

import java.util.Collection;
import java.util.List;

/**
 * The hypervisors of both environments (the patent's 240A and 240B). Every operation checks before it
 * acts, so a retried step never does its work twice. Failures are {@link PortException}s.
 */
public interface Hypervisor {

    /** Pre-checks before approval: the VM runs at the source, not at the target, fits and suits the target. */
    List<CheckResult> preCheck(MigrationRequest request);

    /** The names of the VMs running on a host. */
    List<String> runningVms(HostRef host);

    /**
     * Which of these VMs run on a host (to decide whether a whole subnet moves). Asks about these VMs only: a VM that
     * has just moved away may still be tidied up at its old host, and a question about it would wait for that.
     */
    default List<String> runningAmong(HostRef host, Collection<String> vmNames) {
        return runningVms(host).stream().filter(vmNames::contains).toList();
    }

    /** Blocks 320: cut the VM's network links; harmless when already cut. */
    void blockTraffic(HostRef host, String vmName);

    /** Block 370 (and roll-back): restore the VM's network links; harmless when already up. */
    void unblockTraffic(HostRef host, String vmName);

    /** Where the VM is now. */
    VmPlacement locate(MigrationRequest request);

    /**
     * Blocks 325-330: start the live migration, leaving the VM paused at the target and closed at the source.
     * Does nothing when a job for this VM already runs or the VM is already at the target.
     */
    void startMigration(MigrationRequest request);

    /** The migration job's progress, or its outcome once it ended. */
    MigrationProgress migrationProgress(MigrationRequest request);

    /** Aborts a running migration job: the VM keeps running at the source. Harmless when none runs. */
    void abortMigration(MigrationRequest request);

    /** Block 345's restart: resume the VM at the target. Harmless when it already runs. */
    void resumeAtTarget(MigrationRequest request);
}
