package com.slm.process;

import com.slm.port.IpsecGateway;
import com.slm.port.Topology;
import com.slm.process.support.AfterTargetStep;
import com.slm.process.support.JsonVariables;
import com.slm.process.support.Policies;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import static com.slm.domain.ProcessVariables.IPSEC_POLICY_INSTALLED_AT;
import static com.slm.domain.ProcessVariables.IPSEC_SAS;

/** Block 345, first half: install the VM's IPsec policy on both gateways (policies 270A and 270B) before it runs. */
@Component
public class InstallIpsecPolicyDelegate extends AfterTargetStep {
    private final IpsecGateway ipsec;
    private final Topology topology;

    public InstallIpsecPolicyDelegate(IpsecGateway ipsec, Topology topology) {
        this.ipsec = ipsec;
        this.topology = topology;
    }

    @Override
    protected String step() {
        return "Block 345 (install the IPsec policy)";
    }

    @Override
    protected void run(DelegateExecution execution) {
        execution.setVariable(IPSEC_SAS, JsonVariables.json(ipsec.installVmPolicy(Policies.vmPolicy(execution, topology))));
        execution.setVariable(IPSEC_POLICY_INSTALLED_AT, ClockUtil.getCurrentTime());
    }
}
