package com.slm.process;

import com.slm.application.SecurePath;
import com.slm.domain.MigrationRequest;
import com.slm.port.Hypervisor;
import com.slm.port.PortException;
import com.slm.port.Topology;
import com.slm.process.support.AfterTargetStep;
import com.slm.process.support.Policies;
import com.slm.process.support.SealedRequests;
import com.slm.process.support.SessionVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import java.util.Date;
import java.util.List;

import static com.slm.domain.ProcessVariables.*;

/**
 * Block 370: enable communication between the VM, now at the target behind its IPsec policy, and the secure
 * environment. Records how long the VM was cut off (end of block 320 to end of block 370).
 * <p>
 * Immediately before, it checks again ({@link SecurePath}) that every SA the VM's traffic needs is INSTALLED on both
 * gateways: its policy, the peers block 365 added, and the subnet tunnel when the whole subnet moved; and that the
 * fail-closed guard stands on both hosts. Else the step refuses and the links stay down.
 */
@Component
public class UnblockVmTrafficDelegate extends AfterTargetStep {
    private final Hypervisor hypervisor;
    private final Topology topology;
    private final SecurePath securePath;

    public UnblockVmTrafficDelegate(Hypervisor hypervisor, Topology topology, SecurePath securePath) {
        this.hypervisor = hypervisor;
        this.topology = topology;
        this.securePath = securePath;
    }

    @Override
    protected String step() {
        return "Block 370 (enable communication)";
    }

    @Override
    protected void run(DelegateExecution execution) {
        MigrationRequest request = SealedRequests.approved(execution);
        List<String> missing = securePath.missing(request, Policies.vmPolicy(execution, topology),
                SessionVariables.widenedPeers(execution),
                Boolean.TRUE.equals(execution.getVariable(WHOLE_SUBNET_MOVED)) ? Policies.subnetTunnel(execution) : null);
        if (!missing.isEmpty()) {
            throw new PortException("the links of VM '" + request.vmName() + "' were not enabled: not INSTALLED on both "
                    + "gateways: " + String.join(", ", missing), true);
        }
        hypervisor.unblockTraffic(request.target(), request.vmName());
        if (execution.getVariable(TRAFFIC_ENABLED_AT) == null) {
            Date enabled = ClockUtil.getCurrentTime();
            execution.setVariable(TRAFFIC_ENABLED_AT, enabled);
            Date blocked = (Date) execution.getVariable(TRAFFIC_BLOCKED_AT);
            if (blocked != null) {
                execution.setVariable(BLACKOUT_MS, enabled.getTime() - blocked.getTime());
            }
        }
    }
}
