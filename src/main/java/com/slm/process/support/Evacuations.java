package com.slm.process.support;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.stereotype.Component;

import java.util.Optional;

import static com.slm.domain.ProcessVariables.EVACUATION_KEY;

/**
 * Whether a migration was started by an evacuation, from the engine's own record: the migration is a called
 * process instance whose calling instance is an {@code evacuateSubnet}. No API lets a user create that link (only a
 * call activity does), so no variable anyone writes can make a migration pass for part of an approved batch.
 * Exposed as the bean {@code evacuations} for the model's gateway.
 */
@Component("evacuations")
public class Evacuations {

    /** The evacuation's process instance that called this migration, or empty for a migration started on its own. */
    public static Optional<ExecutionEntity> callerOf(DelegateExecution execution) {
        if (!(execution instanceof ExecutionEntity entity)) {
            return Optional.empty(); // not the engine's own execution (a test's stand-in): no record, so no caller
        }
        ExecutionEntity instance = entity.getProcessInstance();
        ExecutionEntity caller = instance == null ? null : instance.getSuperExecution();
        if (caller == null) {
            return Optional.empty();
        }
        ExecutionEntity evacuation = caller.getProcessInstance();
        return EVACUATION_KEY.equals(evacuation.getProcessDefinition().getKey()) ? Optional.of(evacuation) : Optional.empty();
    }

    /** For the model: is this migration one of an evacuation's? */
    public boolean startedByEvacuation(DelegateExecution execution) {
        return callerOf(execution).isPresent();
    }
}
