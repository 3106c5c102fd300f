package com.slm.process;

import com.slm.domain.EvacuationRequest;
import com.slm.domain.MigrationRequest;
import com.slm.domain.RequestAlteredException;
import com.slm.domain.SealedRequest;
import com.slm.process.support.Evacuations;
import com.slm.process.support.SealedEvacuations;
import com.slm.process.support.SealedRequests;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.stereotype.Component;

import java.util.Objects;

import static com.slm.domain.ProcessVariables.*;

/**
 * In a migration an evacuation started, in place of the approval task: the evacuation's approval (four eyes, on the
 * whole batch) covers this migration only if the engine's own record says the evacuation called it, the
 * evacuation's seal is intact and approved, and this migration's sealed request is exactly one the batch asked for
 * (its VM, environments, options and requester) and the one this migration's pre-checks ran against. Then the
 * batch's approver is recorded as this migration's, and the approved digest as for an approval. Anything else is
 * refused with an incident: nothing has changed yet, and nothing will without an approval.
 */
@Component
public class AdoptEvacuationApprovalDelegate implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        ExecutionEntity evacuation = Evacuations.callerOf(execution).orElseThrow(() -> new RequestAlteredException(
                "Not approved: this migration was not started by an evacuation, so no batch approval covers it"));
        SealedRequest batchSeal = SealedRequests.approvedSeal(evacuation);
        EvacuationRequest batch = SealedEvacuations.parse(batchSeal);
        SealedRequest own = SealedRequests.intactSeal(execution);
        if (!own.digest().equals(execution.getVariable(PRE_CHECKED_DIGEST))) {
            throw new RequestAlteredException("Request altered: the sealed request is not the one the pre-checks ran "
                    + "against; the evacuation's approval cannot cover it");
        }
        MigrationRequest request = SealedRequests.peek(own);   // checked intact just above
        if (!covers(batch, request) || !Objects.equals(SealedRequests.requestedBy(batchSeal), SealedRequests.requestedBy(own))) {
            throw new RequestAlteredException("Not approved: the migration of '" + request.vmName() + "' is not one the "
                    + "approved evacuation " + evacuation.getId() + " asked for");
        }
        execution.setVariable(APPROVED_DIGEST, own.digest());
        execution.setVariable(APPROVER, evacuation.getVariable(APPROVER));
        execution.setVariable(EVACUATION_ID, evacuation.getId());
    }

    /** Whether the single request is one of the batch's, field by field (the source host is the pre-checks' find). */
    static boolean covers(EvacuationRequest batch, MigrationRequest request) {
        MigrationRequest expected = batch.migrationOf(request.vmName(), request.source().host());
        return batch.vmNames().contains(request.vmName()) && expected.equals(request);
    }
}
