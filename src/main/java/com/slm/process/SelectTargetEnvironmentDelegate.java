package com.slm.process;

import com.slm.domain.MigrationRequest;
import com.slm.domain.Subnets;
import com.slm.port.Topology;
import com.slm.process.support.SealedRequests;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import static com.slm.domain.ProcessVariables.*;

/**
 * Block 315: the target environment chosen in the start form is taken as the migration target; the VM's address
 * and the secure subnet it lives in are resolved here, for the pre-checks and the IPsec policy.
 */
@Component
public class SelectTargetEnvironmentDelegate implements JavaDelegate {
    private final Topology topology;

    public SelectTargetEnvironmentDelegate(Topology topology) {
        this.topology = topology;
    }

    @Override
    public void execute(DelegateExecution execution) {
        MigrationRequest request = SealedRequests.beforeApproval(execution);
        String vm = request.vmName();
        String source = request.source().environment();
        String address = topology.vmAddress(vm).orElse(null);
        execution.setVariable(VM_ADDRESS, address);
        execution.setVariable(VM_SUBNET, address == null ? null
                : Subnets.containing(address, topology.subnets(source)).orElse(null));
    }
}
