package com.slm.process.metrics;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;

import java.time.Duration;

/**
 * Times the approval task from its creation to its completion (approved or rejected), on the engine's clock, which
 * also wrote the creation time. A task that expired or was cancelled is deleted, not completed: not timed.
 */
final class ApprovalWaitListener implements TaskListener {
    private final MigrationMeters meters;

    ApprovalWaitListener(MigrationMeters meters) {
        this.meters = meters;
    }

    @Override
    public void notify(DelegateTask task) {
        if (task.getCreateTime() != null) {
            meters.approvalWaited(Duration.ofMillis(ClockUtil.getCurrentTime().getTime() - task.getCreateTime().getTime()));
        }
    }
}
