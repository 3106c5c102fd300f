package com.slm.process;

import com.slm.domain.MigrationRequest;
import com.slm.port.Hypervisor;
import com.slm.process.support.BeforeTargetStep;
import com.slm.process.support.BlackoutModes;
import com.slm.process.support.SealedRequests;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import static com.slm.domain.ProcessVariables.TRAFFIC_BLOCKED_AT;

/**
 * Block 320: disable data communication with the VM at the source (its links go down; harmless when already down).
 * In the minimal-blackout mode the VM keeps serving: communication stops only in the switch-over window, where
 * the VM is paused at the target and gone from the source, until it resumes there behind its SAs.
 */
@Component
public class BlockVmTrafficDelegate extends BeforeTargetStep {
    private final Hypervisor hypervisor;

    private final BlackoutModes modes;

    public BlockVmTrafficDelegate(Hypervisor hypervisor, BlackoutModes modes) {
        this.hypervisor = hypervisor;
        this.modes = modes;
    }

    @Override
    protected String step() {
        return "Block 320 (disable communication)";
    }

    @Override
    protected void run(DelegateExecution execution) {
        MigrationRequest request = SealedRequests.approved(execution);
        if (modes.minimal(execution)) {
            return;
        }
        hypervisor.blockTraffic(request.source(), request.vmName());
        if (execution.getVariable(TRAFFIC_BLOCKED_AT) == null) {
            execution.setVariable(TRAFFIC_BLOCKED_AT, ClockUtil.getCurrentTime());
        }
    }
}
