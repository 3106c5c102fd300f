package com.slm.process;

import com.slm.process.support.MessageSubscriptions;
import com.slm.audit.Requesters;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.stereotype.Component;

import static com.slm.domain.ProcessVariables.CANCELLED_BY;
import static com.slm.domain.ProcessVariables.MESSAGE_CANCEL_MIGRATION;
import static com.slm.domain.ProcessVariables.PROCESS_KEY;

/**
 * The product's own cancel: the requester (the engine's start user id) or an admin withdraws a migration, in the
 * phases where the model listens for it (while the approval waits: nothing changed; until the VM runs at the
 * target: roll back). Users never correlate messages themselves; this use case does, as the product, after
 * checking who asks and the phase, and records who cancelled.
 */
@Component
public class CancelMigration {
    public enum Result { CANCELLED, NOT_FOUND, WRONG_PHASE, BUSY }

    private final RuntimeService runtime;
    private final HistoryService history;

    public CancelMigration(RuntimeService runtime, HistoryService history) {
        this.runtime = runtime;
        this.history = history;
    }

    public Result cancel(String processInstanceId, String user, boolean admin) {
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).processDefinitionKey(PROCESS_KEY).singleResult();
        if (instance == null) {
            return Result.NOT_FOUND;
        }
        if (!admin && !user.equals(Requesters.of(instance, history))) {
            // Not the requester: for them this migration does not exist (no hint that the id is valid).
            return Result.NOT_FOUND;
        }
        if (instance.getEndTime() != null || !MessageSubscriptions.listens(runtime, processInstanceId, MESSAGE_CANCEL_MIGRATION)) {
            return Result.WRONG_PHASE;
        }
        try {
            runtime.createMessageCorrelation(MESSAGE_CANCEL_MIGRATION).processInstanceId(processInstanceId)
                    .setVariable(CANCELLED_BY, user).correlateWithResult();
            return Result.CANCELLED;
        } catch (OptimisticLockingException e) {
            // A step of this migration ran at the same moment: the caller may try again once it has committed.
            return Result.BUSY;
        }
    }

}
