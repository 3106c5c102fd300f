package com.slm.process;

import com.slm.domain.MigrationRequest;
import com.slm.port.Hypervisor;
import com.slm.port.IpsecGateway;
import com.slm.port.PortException;
import com.slm.port.Topology;
import com.slm.port.TrafficGuard;
import com.slm.process.support.AfterTargetStep;
import com.slm.process.support.Guards;
import com.slm.process.support.InsecureSessions;
import com.slm.process.support.Policies;
import com.slm.process.support.SealedRequests;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static com.slm.domain.ProcessVariables.*;

/**
 * Block 370: enable communication between the VM, now at the target behind its IPsec policy, and the secure
 * environment. Records how long the VM was cut off (end of block 320 to end of block 370).
 * <p>
 * Immediately before, it checks again that every SA the VM's traffic needs is INSTALLED on both gateways: its
 * policy, the peers block 365 added, and the subnet tunnel when the whole subnet moved. An SA may have gone since
 * it was installed (charon restarted, a rekey failed); with the links up its traffic would then leave in clear,
 * so the step refuses and the links stay down. The same holds for the fail-closed guard on both hosts.
 */
@Component
public class UnblockVmTrafficDelegate extends AfterTargetStep {
    private final Hypervisor hypervisor;
    private final IpsecGateway ipsec;
    private final TrafficGuard trafficGuard;
    private final Topology topology;

    public UnblockVmTrafficDelegate(Hypervisor hypervisor, IpsecGateway ipsec, TrafficGuard trafficGuard, Topology topology) {
        this.hypervisor = hypervisor;
        this.ipsec = ipsec;
        this.trafficGuard = trafficGuard;
        this.topology = topology;
    }

    @Override
    protected String step() {
        return "Block 370 (enable communication)";
    }

    @Override
    protected void run(DelegateExecution execution) {
        MigrationRequest request = SealedRequests.approved(execution);
        List<String> missing = new ArrayList<>(ipsec.notInstalled(Policies.vmPolicy(execution, topology),
                InsecureSessions.widenedPeers(execution)));
        if (Boolean.TRUE.equals(execution.getVariable(WHOLE_SUBNET_MOVED))) {
            missing.addAll(ipsec.notInstalled(Policies.subnetTunnel(execution)));
        }
        missing.addAll(Guards.missing(trafficGuard, request));
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
