package com.slm.process.support;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A step that runs once the VM is at the target (blocks 340-390). It never rolls back and never opens the VM's
 * links to make progress: a failure is retried by the engine and then becomes an incident whose message says
 * what failed and exactly what state the VM and its links are in, so an admin can fix the cause and retry.
 */
public abstract class AfterTargetStep implements JavaDelegate {
    /** The step's own logger: its lines are found under the delegate's name. */
    private final Logger log = LoggerFactory.getLogger(getClass());

    @Override
    public final void execute(DelegateExecution execution) {
        try {
            run(execution);
            log.info("{} done", step());
        } catch (BpmnError e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StepFailedException(step() + " failed: " + e.getMessage() + " | State: "
                    + VmStateReport.describe(execution) + " | Retry this job once the cause is fixed.", e);
        }
    }

    protected abstract String step();

    protected abstract void run(DelegateExecution execution);
}
