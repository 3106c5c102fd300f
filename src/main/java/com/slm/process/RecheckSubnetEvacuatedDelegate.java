package com.slm.process;

import com.slm.application.WholeSubnet;
import com.slm.domain.EvacuationRequest;
import com.slm.process.support.AfterTargetStep;
import com.slm.process.support.SealedEvacuations;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import static com.slm.domain.ProcessVariables.VM_SUBNET;
import static com.slm.domain.ProcessVariables.WHOLE_SUBNET_MOVED;

/**
 * The evacuation's block 335, once every VM's migration has ended: has the whole subnet left the secure
 * environment? Asked of the hypervisors now (a VM whose migration failed runs at the source still, and one outside
 * the batch may have come or gone). Only then do 340-390 run, once for the subnet.
 */
@Component
public class RecheckSubnetEvacuatedDelegate extends AfterTargetStep {
    private final WholeSubnet wholeSubnet;

    public RecheckSubnetEvacuatedDelegate(WholeSubnet wholeSubnet) {
        this.wholeSubnet = wholeSubnet;
    }

    @Override
    protected String step() {
        return "Evacuation block 335 (whole subnet moved?)";
    }

    @Override
    protected void run(DelegateExecution execution) {
        EvacuationRequest request = SealedEvacuations.approved(execution);
        execution.setVariable(VM_SUBNET, request.subnet());
        execution.setVariable(WHOLE_SUBNET_MOVED,
                wholeSubnet.stillRunning(request.sourceEnvironment(), request.subnet(), null).isEmpty());
    }
}
