package com.slm.process;

import com.slm.application.InsecureSessions;
import com.slm.domain.ClassifiedConnection;
import com.slm.domain.VmPolicy;
import com.slm.port.Topology;
import com.slm.process.support.AfterTargetStep;
import com.slm.process.support.Policies;
import com.slm.process.support.SealedRequests;
import com.slm.process.support.SessionVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Block 365: each insecure session is reset, and can only come back secured: first the VM's IPsec policy is
 * widened to the peer (so the reconnect after block 370 travels through an SA), then the session is reset. Both
 * halves are idempotent, so a retry redoes nothing that is done.
 */
@Component
public class ResetInsecureConnectionsDelegate extends AfterTargetStep {
    private final InsecureSessions sessions;
    private final Topology topology;

    public ResetInsecureConnectionsDelegate(InsecureSessions sessions, Topology topology) {
        this.sessions = sessions;
        this.topology = topology;
    }

    @Override
    protected String step() {
        return "Block 365 (reset insecure connections and re-establish them secured)";
    }

    @Override
    protected void run(DelegateExecution execution) {
        List<ClassifiedConnection> insecure = SessionVariables.insecure(execution);
        VmPolicy policy = Policies.vmPolicy(execution, topology);
        sessions.widenPolicy(policy, insecure);
        SessionVariables.record(execution, sessions.reset(SealedRequests.approved(execution).vmName(), policy.vmAddress(), insecure));
    }
}
