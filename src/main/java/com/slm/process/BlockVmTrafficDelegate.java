package com.slm.process;

import com.slm.config.Ports;
import com.slm.process.support.BeforeTargetStep;
import com.slm.process.support.SealedRequests;
import com.slm.domain.MigrationRequest;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import static com.slm.process.ProcessVariables.TRAFFIC_BLOCKED_AT;

/** Block 320: disable data communication with the VM at the source (its links go down; harmless when already down). */
@Component
public class BlockVmTrafficDelegate extends BeforeTargetStep {
    private final Ports ports;

    public BlockVmTrafficDelegate(Ports ports) {
        this.ports = ports;
    }

    @Override
    protected String step() {
        return "Block 320 (disable communication)";
    }

    @Override
    protected void run(DelegateExecution execution) {
        MigrationRequest request = SealedRequests.approved(execution);
        ports.hypervisor().blockTraffic(request.source(), request.vmName());
        if (execution.getVariable(TRAFFIC_BLOCKED_AT) == null) {
            execution.setVariable(TRAFFIC_BLOCKED_AT, ClockUtil.getCurrentTime());
        }
    }
}
