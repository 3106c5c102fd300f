package com.slm.bench;

import com.slm.domain.CheckResult;
import com.slm.domain.HostRef;
import com.slm.domain.MigrationProgress;
import com.slm.domain.MigrationRequest;
import com.slm.domain.MigrationState;
import com.slm.domain.VmPlacement;
import com.slm.port.Hypervisor;

import java.util.List;

/**
 * A hypervisor that answers at once and keeps no state, so that any node of a cluster answers alike: every VM is
 * at its source until block 325 starts its migration, which has completed by the first look of block 330. Only
 * {@link BenchVms#STAY} runs at the source for block 335: no subnet ever moves as a whole (no tunnel, no
 * routing-core wait), so every migration takes the same path of ten asynchronous steps.
 */
final class InstantHypervisor implements Hypervisor {
    private static final MigrationProgress DONE = new MigrationProgress(MigrationState.COMPLETED, 100, -1, 0, 1, 5, 1,
            1L << 20, "completed (instant double)");
    private final PortCalls calls;

    InstantHypervisor(PortCalls calls) {
        this.calls = calls;
    }

    @Override
    public List<CheckResult> preCheck(MigrationRequest request) {
        return List.of(CheckResult.pass("vm-at-source", request.vmName() + " (instant double)"));
    }

    @Override
    public List<String> runningVms(HostRef host) {
        return List.of(BenchVms.STAY);
    }

    @Override
    public void blockTraffic(HostRef host, String vmName) {
        calls.record("blockTraffic", vmName);
    }

    @Override
    public void unblockTraffic(HostRef host, String vmName) {
        calls.record("unblockTraffic", vmName);
    }

    @Override
    public VmPlacement locate(MigrationRequest request) {
        return VmPlacement.RUNNING_AT_SOURCE;
    }

    @Override
    public void startMigration(MigrationRequest request) {
        calls.record("startMigration", request.vmName());
    }

    @Override
    public MigrationProgress migrationProgress(MigrationRequest request) {
        return DONE;
    }

    @Override
    public void abortMigration(MigrationRequest request) {
        calls.record("abortMigration", request.vmName());
    }

    @Override
    public void resumeAtTarget(MigrationRequest request) {
        calls.record("resumeAtTarget", request.vmName());
    }
}
