package com.slm.process;

import com.slm.port.Hypervisor;
import com.slm.process.support.AfterTargetStep;
import com.slm.process.support.SealedRequests;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import static com.slm.domain.ProcessVariables.VM_RESUMED_AT;

/** Block 345, second half: restart (resume) the VM at the target, its links still down until block 370. */
@Component
public class ResumeVmAtTargetDelegate extends AfterTargetStep {
    private final Hypervisor hypervisor;

    public ResumeVmAtTargetDelegate(Hypervisor hypervisor) {
        this.hypervisor = hypervisor;
    }

    @Override
    protected String step() {
        return "Block 345 (restart the VM at the target)";
    }

    @Override
    protected void run(DelegateExecution execution) {
        hypervisor.resumeAtTarget(SealedRequests.approved(execution));
        if (execution.getVariable(VM_RESUMED_AT) == null) {
            execution.setVariable(VM_RESUMED_AT, ClockUtil.getCurrentTime());
        }
    }
}
