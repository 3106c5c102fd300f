package com.slm.process.metrics;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;

/** Counts a migration when its instance starts (a request refused by block 310's validation rolls back: not counted). */
final class MigrationStartListener implements ExecutionListener {
    private final MigrationMeters meters;

    MigrationStartListener(MigrationMeters meters) {
        this.meters = meters;
    }

    @Override
    public void notify(DelegateExecution execution) {
        meters.migrationStarted();
    }
}
