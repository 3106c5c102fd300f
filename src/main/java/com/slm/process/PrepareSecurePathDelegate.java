package com.slm.process;

import com.slm.domain.MigrationRequest;
import com.slm.domain.ObservedConnection;
import com.slm.domain.VmPolicy;
import com.slm.port.ConnectionInventory;
import com.slm.port.IpsecGateway;
import com.slm.port.Topology;
import com.slm.port.TrafficSteering;
import com.slm.process.support.BeforeTargetStep;
import com.slm.process.support.ConnectionClassifier;
import com.slm.process.support.InsecureSessions;
import com.slm.process.support.JsonVariables;
import com.slm.process.support.Policies;
import com.slm.process.support.SealedRequests;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import java.util.List;

import static com.slm.domain.ProcessVariables.*;

/**
 * Minimal-blackout mode, before the live migration: everything that does not need the VM stopped. Both environments
 * hold the VM's traffic where it is; then the VM's IPsec policy (270A/270B) comes up on both gateways without
 * drawing its traffic, its non-managed sessions are inventoried and classified (blocks 355/360 ahead of time), and
 * the policy is widened to the peers of the insecure ones (block 365's first half). The VM keeps serving at the
 * source meanwhile. A failure here rolls back: nothing of this has touched the VM.
 */
@Component
public class PrepareSecurePathDelegate extends BeforeTargetStep {
    private final IpsecGateway ipsec;
    private final ConnectionInventory inventory;
    private final TrafficSteering steering;
    private final Topology topology;
    private final ConnectionClassifier classifier;
    private final InsecureSessions sessions;

    public PrepareSecurePathDelegate(IpsecGateway ipsec, ConnectionInventory inventory, TrafficSteering steering, Topology topology, ConnectionClassifier classifier,
                                     InsecureSessions sessions) {
        this.ipsec = ipsec;
        this.inventory = inventory;
        this.steering = steering;
        this.topology = topology;
        this.classifier = classifier;
        this.sessions = sessions;
    }

    @Override
    protected String step() {
        return "Prepare the secure path (minimal blackout: SAs up but not steered, sessions inventoried)";
    }

    @Override
    protected void run(DelegateExecution execution) {
        MigrationRequest request = SealedRequests.approved(execution);
        VmPolicy policy = Policies.vmPolicy(execution, topology);
        // the hold first: the SAs below must not draw the VM's traffic away from where it still runs
        steering.hold(policy.secureEnvironment(), policy.vmAddress());
        steering.hold(policy.targetEnvironment(), policy.vmAddress());
        execution.setVariable(IPSEC_SAS, JsonVariables.json(ipsec.installVmPolicy(policy)));
        execution.setVariable(IPSEC_POLICY_INSTALLED_AT, ClockUtil.getCurrentTime());
        List<ObservedConnection> observed = inventory.connectionsOf(request.vmName(), policy.vmAddress());
        ConnectionClassifier.Verdicts verdicts = classifier.classify(observed);
        execution.setVariable(CONNECTIONS, JsonVariables.json(observed));
        execution.setVariable(HAS_NON_MANAGED_CONNECTIONS, !observed.isEmpty());
        execution.setVariable(SECURE_CONNECTIONS, JsonVariables.json(verdicts.secure()));
        execution.setVariable(INSECURE_CONNECTIONS, JsonVariables.json(verdicts.insecure()));
        sessions.widenPolicy(policy, verdicts.insecure());
    }

    /** The peers whose SAs the switch-over relies on: those of the insecure sessions found here. */
    static List<String> preparedPeers(DelegateExecution execution, String vmAddress) {
        return InsecureSessions.peers(vmAddress, InsecureSessions.found(execution));
    }
}
