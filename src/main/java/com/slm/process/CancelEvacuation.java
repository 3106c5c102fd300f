package com.slm.process;

import com.slm.process.support.MessageSubscriptions;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

import static com.slm.domain.ProcessVariables.CANCELLED_BY;
import static com.slm.domain.ProcessVariables.EVACUATION_CANCELLED;
import static com.slm.domain.ProcessVariables.EVACUATION_KEY;
import static com.slm.domain.ProcessVariables.MESSAGE_CANCEL_EVACUATION;

/**
 * The product's cancel of a whole evacuation: its requester (the engine's start user id) or an admin withdraws the
 * batch. While the approval waits, nothing has changed and the evacuation ends cancelled. During the lanes, no lane
 * starts another VM, and each running migration of the batch gets the migration's own cancel ({@link CancelMigration}):
 * it rolls back unless its VM already runs at the target, where it is secured as usual. One that cannot hear that
 * cancel yet (in its pre-checks) rolls back at its first step before the target, which asks the batch
 * ({@link com.slm.process.support.BeforeTargetStep}). Users never correlate messages
 * themselves; this use case does, as the product, after checking who asks and the phase.
 */
@Component
public class CancelEvacuation {
    public enum Result { CANCELLED, NOT_FOUND, WRONG_PHASE, BUSY }

    /** What the cancel did: to the evacuation, and to each migration of it that was running (by VM). */
    public record Outcome(Result result, Map<String, CancelMigration.Result> migrations) {
        static Outcome of(Result result) {
            return new Outcome(result, Map.of());
        }
    }

    private final RuntimeService runtime;
    private final HistoryService history;
    private final CancelMigration cancelMigration;

    public CancelEvacuation(RuntimeService runtime, HistoryService history, CancelMigration cancelMigration) {
        this.runtime = runtime;
        this.history = history;
        this.cancelMigration = cancelMigration;
    }

    public Outcome cancel(String evacuationId, String user, boolean admin) {
        HistoricProcessInstance evacuation = history.createHistoricProcessInstanceQuery()
                .processInstanceId(evacuationId).processDefinitionKey(EVACUATION_KEY).singleResult();
        if (evacuation == null || (!admin && !user.equals(evacuation.getStartUserId()))) {
            // Not the requester: for them this evacuation does not exist (no hint that the id is valid).
            return Outcome.of(Result.NOT_FOUND);
        }
        if (evacuation.getEndTime() != null || !MessageSubscriptions.listens(runtime, evacuationId, MESSAGE_CANCEL_EVACUATION)) {
            return Outcome.of(Result.WRONG_PHASE);
        }
        try {
            runtime.createMessageCorrelation(MESSAGE_CANCEL_EVACUATION).processInstanceId(evacuationId)
                    .setVariable(CANCELLED_BY, user).setVariable(EVACUATION_CANCELLED, true).correlateWithResult();
        } catch (OptimisticLockingException e) {
            // A migration of a lane started or ended at the same moment: the caller may try again once it has committed.
            return Outcome.of(Result.BUSY);
        }
        Map<String, CancelMigration.Result> migrations = new LinkedHashMap<>();
        for (ProcessInstance migration : runtime.createProcessInstanceQuery().superProcessInstanceId(evacuationId).list()) {
            migrations.put(migration.getBusinessKey(), cancelMigration.cancel(migration.getId(), user, admin));
        }
        return new Outcome(Result.CANCELLED, migrations);
    }
}
