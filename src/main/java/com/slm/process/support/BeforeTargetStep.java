package com.slm.process.support;

import com.slm.domain.RequestAlteredException;
import com.slm.port.AdapterNotConfiguredException;
import com.slm.port.PortException;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

import static com.slm.domain.ProcessVariables.CANCELLED_BY;
import static com.slm.domain.ProcessVariables.ERROR_EVACUATION_CANCELLED;
import static com.slm.domain.ProcessVariables.ERROR_MIGRATION_FAILED;
import static com.slm.domain.ProcessVariables.EVACUATION_CANCELLED;

/**
 * A step that runs while the VM still runs at the source (blocks 320-330). A retryable failure is left to the
 * engine's retry cycle; a failure that cannot heal, or one on the last attempt, becomes the BPMN error
 * {@code MIGRATION_FAILED}, which the model catches to roll back: the VM's traffic is re-enabled at the source.
 * A missing adapter is a configuration gap, not a migration failure: it stays an incident naming the setting.
 * <p>
 * In a migration an evacuation started, each step first asks the batch: once the evacuation is cancelled, the step
 * does nothing and throws {@code EVACUATION_CANCELLED}, which the model rolls back on like a cancel. The evacuation's
 * cancel also cancels each migration of it that listens for a cancel; this covers one that did not listen yet (in its
 * pre-checks): its first step here runs in a transaction that starts after that cancel committed, so it sees it.
 */
public abstract class BeforeTargetStep implements JavaDelegate {
    /** The step's own logger: its lines are found under the delegate's name. */
    private final Logger log = LoggerFactory.getLogger(getClass());

    @Override
    public final void execute(DelegateExecution execution) {
        Optional<ExecutionEntity> cancelledBatch = Evacuations.callerOf(execution)
                .filter(evacuation -> Boolean.TRUE.equals(evacuation.getVariable(EVACUATION_CANCELLED)));
        if (cancelledBatch.isPresent()) {
            execution.setVariable(CANCELLED_BY, cancelledBatch.get().getVariable(CANCELLED_BY));
            log.info("{} not run: evacuation {} was cancelled", step(), cancelledBatch.get().getId());
            throw new BpmnError(ERROR_EVACUATION_CANCELLED, "Evacuation " + cancelledBatch.get().getId() + " was cancelled");
        }
        try {
            run(execution);
            log.info("{} done", step());
        } catch (BpmnError | AdapterNotConfiguredException | RequestAlteredException e) {
            // an altered request is never rolled back on: the roll-back would act on the altered request too
            throw e;
        } catch (RuntimeException e) {
            boolean retryable = !(e instanceof PortException p) || p.isRetryable();
            if (retryable && !Attempts.isLast()) {
                log.warn("{} failed, the engine will retry: {}", step(), e.getMessage());
                throw e;
            }
            throw new BpmnError(ERROR_MIGRATION_FAILED, step() + " failed: " + e.getMessage());
        }
    }

    /** The block's name as an admin or auditor reads it, e.g. "Block 320 (disable communication)". */
    protected abstract String step();

    protected abstract void run(DelegateExecution execution);
}
