package com.slm.process;

import com.slm.application.WholeSubnet;
import com.slm.process.support.AfterTargetStep;
import com.slm.process.support.Evacuations;
import com.slm.process.support.SealedRequests;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import static com.slm.domain.ProcessVariables.SUBNET_LEFT_TO_EVACUATION;
import static com.slm.domain.ProcessVariables.VM_SUBNET;
import static com.slm.domain.ProcessVariables.WHOLE_SUBNET_MOVED;

/**
 * Just before block 335: decides again whether the whole subnet moved, now that the VM has. The pre-checks' answer
 * can be stale by then (another VM of the subnet left, or came back), and a wrong answer either leaves the moved
 * subnet without its tunnel or tunnels a subnet whose other VMs still run at the source. After the target: a
 * failure here is an incident, never a roll-back.
 */
@Component
public class RecheckWholeSubnetDelegate extends AfterTargetStep {
    private final WholeSubnet wholeSubnet;

    public RecheckWholeSubnetDelegate(WholeSubnet wholeSubnet) {
        this.wholeSubnet = wholeSubnet;
    }

    @Override
    protected String step() {
        return "Block 335 (whole subnet moved?)";
    }

    @Override
    protected void run(DelegateExecution execution) {
        if (Evacuations.callerOf(execution).isPresent()) {
            // One of an evacuation's migrations: the evacuation applies 335-390 once for the subnet, after the last
            // VM has moved; each migration secures its own VM by its own policy meanwhile.
            execution.setVariable(WHOLE_SUBNET_MOVED, false);
            execution.setVariable(SUBNET_LEFT_TO_EVACUATION, true);
            return;
        }
        execution.setVariable(WHOLE_SUBNET_MOVED, wholeSubnet.movesWhole(SealedRequests.approved(execution),
                (String) execution.getVariable(VM_SUBNET)));
    }
}
