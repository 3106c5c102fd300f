package com.slm.process;

import com.slm.config.Ports;
import com.slm.domain.MigrationRequest;
import com.slm.process.support.AfterTargetStep;
import com.slm.process.support.SealedRequests;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import java.util.Date;

import static com.slm.process.ProcessVariables.*;

/**
 * Block 370: enable communication between the VM, now at the target behind its IPsec policy, and the secure
 * environment. Records how long the VM was cut off (end of block 320 to end of block 370).
 */
@Component
public class UnblockVmTrafficDelegate extends AfterTargetStep {
    private final Ports ports;

    public UnblockVmTrafficDelegate(Ports ports) {
        this.ports = ports;
    }

    @Override
    protected String step() {
        return "Block 370 (enable communication)";
    }

    @Override
    protected void run(DelegateExecution execution) {
        MigrationRequest request = SealedRequests.approved(execution);
        ports.hypervisor().unblockTraffic(request.target(), request.vmName());
        if (execution.getVariable(TRAFFIC_ENABLED_AT) == null) {
            Date enabled = new Date();
            execution.setVariable(TRAFFIC_ENABLED_AT, enabled);
            Date blocked = (Date) execution.getVariable(TRAFFIC_BLOCKED_AT);
            if (blocked != null) {
                execution.setVariable(BLACKOUT_MS, enabled.getTime() - blocked.getTime());
            }
        }
    }
}
