package com.slm.process;

import com.slm.domain.MigrationRequest;
import com.slm.domain.VmPlacement;
import com.slm.domain.VmPolicy;
import com.slm.port.Hypervisor;
import com.slm.port.IpsecGateway;
import com.slm.port.Topology;
import com.slm.port.TrafficGuard;
import com.slm.port.TrafficSteering;
import com.slm.process.support.BlackoutModes;
import com.slm.process.support.Guards;
import com.slm.process.support.Policies;
import com.slm.process.support.SealedRequests;
import com.slm.process.support.StepFailedException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import static com.slm.domain.ProcessVariables.GUARD_REMOVED_AT;
import static com.slm.domain.ProcessVariables.TRAFFIC_ENABLED_AT;
import static com.slm.domain.ProcessVariables.VM_FOUND_AT_TARGET;

/**
 * Roll-back after a failure or a cancel before the VM runs at the target: abort the migration job if one runs,
 * then, with the VM still at the source, remove its guard and bring its links up again there. If the job completed
 * after all, the VM is at the target (guarded, links down): it is not rolled back but secured there, the model going
 * forward to block 335 ({@code vmFoundAtTarget}), through the switch-over in the minimal-blackout mode; no operator
 * is needed. In the minimal-blackout mode a VM back at the source also loses the SAs prepared for it.
 */
@Component
public class RollBackMigrationDelegate implements JavaDelegate {
    private final Hypervisor hypervisor;
    private final IpsecGateway ipsec;
    private final TrafficGuard trafficGuard;
    private final TrafficSteering steering;

    private final Topology topology;
    private final BlackoutModes modes;

    public RollBackMigrationDelegate(Hypervisor hypervisor, IpsecGateway ipsec, TrafficGuard trafficGuard, TrafficSteering steering, Topology topology, BlackoutModes modes) {
        this.hypervisor = hypervisor;
        this.ipsec = ipsec;
        this.trafficGuard = trafficGuard;
        this.steering = steering;
        this.topology = topology;
        this.modes = modes;
    }

    @Override
    public void execute(DelegateExecution execution) {
        MigrationRequest request = SealedRequests.approved(execution);
        hypervisor.abortMigration(request);
        VmPlacement placement = hypervisor.locate(request);
        switch (placement) {
            case RUNNING_AT_SOURCE, PAUSED_AT_SOURCE -> {
                execution.setVariable(VM_FOUND_AT_TARGET, false);
                // The VM never left: its guard goes (it would only drop the traffic of a VM that is not there)
                Guards.remove(trafficGuard, request, Guards.name(request));
                execution.setVariable(GUARD_REMOVED_AT, ClockUtil.getCurrentTime());
                hypervisor.unblockTraffic(request.source(), request.vmName());
                execution.setVariable(TRAFFIC_ENABLED_AT, ClockUtil.getCurrentTime());
                if (modes.minimal(execution)) {
                    undoPreparedPath(execution);
                }
            }
            case MIGRATING -> throw new StepFailedException("Roll-back: the migration job of VM '" + request.vmName()
                    + "' is still running after the abort; its links at " + request.source()
                    + " stay DOWN. Retry this job to abort again.", null);
            case PAUSED_AT_TARGET, RUNNING_AT_TARGET -> {
                // Too late to roll back: the VM is at the target (guarded, links down). Forward recovery: the
                // process goes on to secure it there (335 onwards) instead of stopping for an operator.
                execution.setVariable(VM_FOUND_AT_TARGET, true);
                return;
            }
            case NOT_FOUND -> throw new StepFailedException("Roll-back: VM '" + request.vmName() + "' is found neither at "
                    + request.source() + " nor at " + request.target() + ". Find it, then retry this job.", null);
        }
    }

    /**
     * The minimal-blackout mode built the VM's SAs before the move: with the VM back at the source they go (else the
     * watchdog would keep them forever), and the environments forget the hold. Nothing was steered before the
     * switch-over, so the VM's traffic never left the source.
     */
    private void undoPreparedPath(DelegateExecution execution) {
        VmPolicy policy = Policies.vmPolicy(execution, topology);
        ipsec.removeVmPolicy(policy);
        steering.release(policy.secureEnvironment(), policy.vmAddress());
        steering.release(policy.targetEnvironment(), policy.vmAddress());
    }
}
