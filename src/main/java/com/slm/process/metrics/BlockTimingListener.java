package com.slm.process.metrics;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.variable.Variables;

import java.time.Duration;

/**
 * Times a service task from its start to its end. Every step is {@code asyncBefore}, so both happen in the one job
 * that runs it: the start is kept in a transient variable (never stored, never in history) and dies with the job when
 * the step fails. Only a step that ends normally is timed; one cancelled on its way out (an error taking the
 * roll-back path, a cancel) is not a completed execution.
 */
final class BlockTimingListener implements ExecutionListener {
    private static final String STARTED_NANOS = "slmMetricsBlockStartedNanos";

    private final MigrationMeters meters;

    BlockTimingListener(MigrationMeters meters) {
        this.meters = meters;
    }

    @Override
    public void notify(DelegateExecution execution) {
        if (EVENTNAME_START.equals(execution.getEventName())) {
            execution.setVariableLocal(STARTED_NANOS, Variables.longValue(System.nanoTime(), true));
            return;
        }
        Object started = execution.getVariableLocal(STARTED_NANOS);
        execution.removeVariableLocal(STARTED_NANOS);
        if (started instanceof Long nanos && !execution.isCanceled()) {
            meters.blockCompleted(execution.getCurrentActivityId(), Duration.ofNanos(System.nanoTime() - nanos));
        }
    }
}
