package com.slm.process;

import com.slm.domain.MigrationRequest;
import com.slm.domain.VmPlacement;
import com.slm.port.Hypervisor;
import com.slm.port.PortException;
import com.slm.port.Topology;
import com.slm.port.TrafficGuard;
import com.slm.process.support.BeforeTargetStep;
import com.slm.process.support.Guards;
import com.slm.process.support.SealedRequests;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import static com.slm.domain.ProcessVariables.*;

/**
 * Block 325: close the VM at the source by starting its live migration, which ends with the VM gone from the
 * source and paused at the target. Checks first where the VM is, so a retry or a restart never starts a second
 * migration: a job that already runs, or a VM already at the target, is left alone.
 */
@Component
public class StartLiveMigrationDelegate extends BeforeTargetStep {
    private final Hypervisor hypervisor;
    private final TrafficGuard trafficGuard;
    private final Topology topology;

    public StartLiveMigrationDelegate(Hypervisor hypervisor, TrafficGuard trafficGuard, Topology topology) {
        this.hypervisor = hypervisor;
        this.trafficGuard = trafficGuard;
        this.topology = topology;
    }

    @Override
    protected String step() {
        return "Block 325 (close the VM at the source: start its live migration)";
    }

    @Override
    protected void run(DelegateExecution execution) {
        MigrationRequest request = SealedRequests.approved(execution);
        // Fail closed first: from here on the VM may run at the target, and nothing of it may pass in clear.
        Guards.install(trafficGuard, request, Guards.of(request, (String) execution.getVariable(VM_ADDRESS), topology));
        if (execution.getVariable(GUARD_INSTALLED_AT) == null) {
            execution.setVariable(GUARD_INSTALLED_AT, ClockUtil.getCurrentTime());
        }
        VmPlacement placement = hypervisor.locate(request);
        switch (placement) {
            case RUNNING_AT_SOURCE, PAUSED_AT_SOURCE -> hypervisor.startMigration(request);
            case MIGRATING, PAUSED_AT_TARGET, RUNNING_AT_TARGET -> {
                // Already under way or done: starting again would be a second migration.
            }
            case NOT_FOUND -> throw new PortException("VM '" + request.vmName() + "' is found neither at "
                    + request.source() + " nor at " + request.target(), false);
        }
        if (execution.getVariable(MIGRATION_STARTED_AT) == null) {
            execution.setVariable(MIGRATION_STARTED_AT, ClockUtil.getCurrentTime());
        }
    }
}
