package com.slm.process;

import com.slm.port.IpsecGateway;
import com.slm.process.support.AfterTargetStep;
import com.slm.process.support.Policies;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import static com.slm.domain.ProcessVariables.TUNNEL_REMOVED_AT;

/** Block 390: the routing core reaches the subnet by itself now: the temporary tunnel goes (harmless when gone). */
@Component
public class RemoveSubnetTunnelDelegate extends AfterTargetStep {
    private final IpsecGateway ipsec;

    public RemoveSubnetTunnelDelegate(IpsecGateway ipsec) {
        this.ipsec = ipsec;
    }

    @Override
    protected String step() {
        return "Block 390 (remove the tunnel)";
    }

    @Override
    protected void run(DelegateExecution execution) {
        ipsec.removeSubnetTunnel(Policies.subnetTunnel(execution));
        if (execution.getVariable(TUNNEL_REMOVED_AT) == null) {
            execution.setVariable(TUNNEL_REMOVED_AT, ClockUtil.getCurrentTime());
        }
    }
}
