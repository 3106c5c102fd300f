package com.slm.process;

import com.slm.config.Environments;
import com.slm.domain.MigrationRequest;
import com.slm.domain.Subnets;
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
    private final Environments environments;

    public SelectTargetEnvironmentDelegate(Environments environments) {
        this.environments = environments;
    }

    @Override
    public void execute(DelegateExecution execution) {
        MigrationRequest request = SealedRequests.beforeApproval(execution);
        String vm = request.vmName();
        String source = request.source().environment();
        String address = environments.vmAddress(vm).orElse(null);
        execution.setVariable(VM_ADDRESS, address);
        execution.setVariable(VM_SUBNET, address == null ? null
                : Subnets.containing(address, environments.subnets(source)).orElse(null));
    }
}
