package com.slm.process.support;

import com.slm.domain.MigrationRequest;
import com.slm.domain.SubnetTunnel;
import com.slm.domain.VmPolicy;
import com.slm.port.Topology;
import org.camunda.bpm.engine.delegate.VariableScope;

import static com.slm.domain.ProcessVariables.*;

/** Builds the IPsec policy and the subnet tunnel of one migration from its variables, named after the VM. */
public final class Policies {
    private Policies() {
    }

    public static VmPolicy vmPolicy(VariableScope scope, Topology topology) {
        MigrationRequest request = SealedRequests.approved(scope);
        String source = request.source().environment();
        return new VmPolicy("slm-vm-" + request.vmName(), (String) scope.getVariable(VM_ADDRESS),
                topology.subnets(source), source, request.target().environment());
    }

    public static SubnetTunnel subnetTunnel(VariableScope scope) {
        MigrationRequest request = SealedRequests.approved(scope);
        String subnet = (String) scope.getVariable(VM_SUBNET);
        return new SubnetTunnel("slm-subnet-" + subnet.replace('/', '-').replace(':', '-').replace('.', '-'), subnet,
                request.source().environment(), request.target().environment());
    }
}
