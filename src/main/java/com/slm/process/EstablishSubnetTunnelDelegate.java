package com.slm.process;

import com.slm.port.IpsecGateway;
import com.slm.process.support.AfterTargetStep;
import com.slm.process.support.JsonVariables;
import com.slm.process.support.Policies;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import static com.slm.domain.ProcessVariables.TUNNEL_ESTABLISHED_AT;
import static com.slm.domain.ProcessVariables.TUNNEL_SAS;

/** Block 340: the whole subnet moved, so a site-to-site tunnel carries the secure environment's traffic for it. */
@Component
public class EstablishSubnetTunnelDelegate extends AfterTargetStep {
    private final IpsecGateway ipsec;

    public EstablishSubnetTunnelDelegate(IpsecGateway ipsec) {
        this.ipsec = ipsec;
    }

    @Override
    protected String step() {
        return "Block 340 (establish the subnet tunnel)";
    }

    @Override
    protected void run(DelegateExecution execution) {
        execution.setVariable(TUNNEL_SAS, JsonVariables.json(ipsec.establishSubnetTunnel(Policies.subnetTunnel(execution))));
        execution.setVariable(TUNNEL_ESTABLISHED_AT, ClockUtil.getCurrentTime());
    }
}
