package com.slm.process;

import com.slm.domain.MigrationRequest;
import com.slm.port.Hypervisor;
import com.slm.port.Topology;
import com.slm.process.support.AfterTargetStep;
import com.slm.process.support.SealedRequests;
import com.slm.process.support.SubnetPeers;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import static com.slm.domain.ProcessVariables.*;

/**
 * Just before block 335: decides again whether the whole subnet moved, now that the VM has. The pre-checks' answer
 * can be stale by then (another VM of the subnet left, or came back), and a wrong answer either leaves the moved
 * subnet without its tunnel or tunnels a subnet whose other VMs still run at the source. After the target: a
 * failure here is an incident, never a roll-back.
 */
@Component
public class RecheckWholeSubnetDelegate extends AfterTargetStep {
    private final Hypervisor hypervisor;
    private final Topology topology;

    public RecheckWholeSubnetDelegate(Hypervisor hypervisor, Topology topology) {
        this.hypervisor = hypervisor;
        this.topology = topology;
    }

    @Override
    protected String step() {
        return "Block 335 (whole subnet moved?)";
    }

    @Override
    protected void run(DelegateExecution execution) {
        MigrationRequest request = SealedRequests.approved(execution);
        String subnet = (String) execution.getVariable(VM_SUBNET);
        boolean whole = subnet != null && SubnetPeers.stillRunning(hypervisor, topology,
                request.source().environment(), subnet, request.vmName()).isEmpty();
        execution.setVariable(WHOLE_SUBNET_MOVED, whole);
    }
}
