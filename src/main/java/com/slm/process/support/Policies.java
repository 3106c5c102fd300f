package com.slm.process.support;

import com.slm.domain.EvacuationRequest;
import com.slm.domain.MigrationRequest;
import com.slm.domain.SealedRequest;
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

    /**
     * The subnet tunnel of a migration (the VM's subnet) or of an evacuation (its subnet): the same name for the
     * same subnet, so the tunnel an evacuation sets up is the one a single migration would have.
     */
    public static SubnetTunnel subnetTunnel(VariableScope scope) {
        SealedRequest sealed = SealedRequests.approvedSeal(scope);
        if (SealedRequests.isEvacuation(sealed)) {
            EvacuationRequest evacuation = SealedEvacuations.parse(sealed);
            return subnetTunnel(evacuation.subnet(), evacuation.sourceEnvironment(), evacuation.target().environment());
        }
        MigrationRequest request = SealedRequests.approved(scope);
        return subnetTunnel((String) scope.getVariable(VM_SUBNET), request.source().environment(),
                request.target().environment());
    }

    private static SubnetTunnel subnetTunnel(String subnet, String source, String target) {
        return new SubnetTunnel("slm-subnet-" + subnet.replace('/', '-').replace(':', '-').replace('.', '-'), subnet,
                source, target);
    }
}
