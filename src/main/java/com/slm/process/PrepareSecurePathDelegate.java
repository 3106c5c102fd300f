package com.slm.process;

import com.slm.application.MinimalBlackout;
import com.slm.port.Topology;
import com.slm.process.support.BeforeTargetStep;
import com.slm.process.support.JsonVariables;
import com.slm.process.support.Policies;
import com.slm.process.support.SealedRequests;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import static com.slm.domain.ProcessVariables.*;

/**
 * Minimal-blackout mode, before the live migration: everything that does not need the VM stopped
 * ({@link MinimalBlackout#prepare}): the VM's IPsec policy (270A/270B) up on both gateways without drawing its
 * traffic, its non-managed sessions inventoried and classified (blocks 355/360 ahead of time), the policy widened to
 * the peers of the insecure ones (block 365's first half). The VM keeps serving at the source meanwhile. A failure
 * here rolls back: nothing of this has touched the VM.
 */
@Component
public class PrepareSecurePathDelegate extends BeforeTargetStep {
    private final MinimalBlackout minimalBlackout;
    private final Topology topology;

    public PrepareSecurePathDelegate(MinimalBlackout minimalBlackout, Topology topology) {
        this.minimalBlackout = minimalBlackout;
        this.topology = topology;
    }

    @Override
    protected String step() {
        return "Prepare the secure path (minimal blackout: SAs up but not steered, sessions inventoried)";
    }

    @Override
    protected void run(DelegateExecution execution) {
        MinimalBlackout.Prepared prepared = minimalBlackout.prepare(SealedRequests.approved(execution),
                Policies.vmPolicy(execution, topology));
        execution.setVariable(IPSEC_SAS, JsonVariables.json(prepared.sas()));
        execution.setVariable(IPSEC_POLICY_INSTALLED_AT, ClockUtil.getCurrentTime());
        execution.setVariable(CONNECTIONS, JsonVariables.json(prepared.observed()));
        execution.setVariable(HAS_NON_MANAGED_CONNECTIONS, !prepared.observed().isEmpty());
        execution.setVariable(SECURE_CONNECTIONS, JsonVariables.json(prepared.verdicts().secure()));
        execution.setVariable(INSECURE_CONNECTIONS, JsonVariables.json(prepared.verdicts().insecure()));
    }
}
