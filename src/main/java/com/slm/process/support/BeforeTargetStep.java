package com.slm.process.support;

import com.slm.domain.RequestAlteredException;
import com.slm.port.AdapterNotConfiguredException;
import com.slm.port.PortException;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static com.slm.domain.ProcessVariables.ERROR_MIGRATION_FAILED;

/**
 * A step that runs while the VM still runs at the source (blocks 320-330). A retryable failure is left to the
 * engine's retry cycle; a failure that cannot heal, or one on the last attempt, becomes the BPMN error
 * {@code MIGRATION_FAILED}, which the model catches to roll back: the VM's traffic is re-enabled at the source.
 * A missing adapter is a configuration gap, not a migration failure: it stays an incident naming the setting.
 */
public abstract class BeforeTargetStep implements JavaDelegate {
    /** The step's own logger: its lines are found under the delegate's name. */
    private final Logger log = LoggerFactory.getLogger(getClass());

    @Override
    public final void execute(DelegateExecution execution) {
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
