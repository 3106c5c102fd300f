package com.slm.process.support;

import com.slm.config.Environments;
import com.slm.domain.SubnetTunnel;
import com.slm.domain.VmPolicy;
import org.camunda.bpm.engine.delegate.VariableScope;

import static com.slm.process.ProcessVariables.*;

/** Builds the IPsec policy and the subnet tunnel of one migration from its variables, named after the VM. */
public final class Policies {
    private Policies() {
    }

    public static VmPolicy vmPolicy(VariableScope scope, Environments environments) {
        String source = (String) scope.getVariable(SOURCE_ENVIRONMENT);
        return new VmPolicy("slm-vm-" + scope.getVariable(VM_NAME), (String) scope.getVariable(VM_ADDRESS),
                environments.subnets(source), source, (String) scope.getVariable(TARGET_ENVIRONMENT));
    }

    public static SubnetTunnel subnetTunnel(VariableScope scope) {
        String subnet = (String) scope.getVariable(VM_SUBNET);
        return new SubnetTunnel("slm-subnet-" + subnet.replace('/', '-').replace(':', '-').replace('.', '-'), subnet,
                (String) scope.getVariable(SOURCE_ENVIRONMENT), (String) scope.getVariable(TARGET_ENVIRONMENT));
    }
}
