package com.slm.process;

import com.slm.domain.ProcessVariables;
import com.slm.domain.Outcome;
import com.slm.process.metrics.MigrationMeters;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Records how a migration ended, from the end events' listeners: {@code ${outcomeRecorder.record(execution, 'COMPLETED')}};
 * also in the meters, with the links-down time and QEMU's downtime the steps recorded.
 */
@Component
public class OutcomeRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(OutcomeRecorder.class);

    private final MigrationMeters meters;

    public OutcomeRecorder(MigrationMeters meters) {
        this.meters = meters;
    }

    public void record(DelegateExecution execution, String outcome) {
        Outcome ended = Outcome.valueOf(outcome);
        execution.setVariable(ProcessVariables.OUTCOME, ended.name());
        meters.migrationEnded(ended, millis(execution, ProcessVariables.BLACKOUT_MS),
                millis(execution, ProcessVariables.MIGRATION_DOWNTIME_MS));
        LOG.info("Migration ended: {}", outcome);
    }

    /** How an evacuation ended (its VMs' migrations record, and are metered, each on its own). */
    public void recordEvacuation(DelegateExecution execution, String outcome) {
        Outcome ended = Outcome.valueOf(outcome);
        execution.setVariable(ProcessVariables.OUTCOME, ended.name());
        LOG.info("Evacuation ended: {}", outcome);
    }

    private static Duration millis(DelegateExecution execution, String variable) {
        return execution.getVariable(variable) instanceof Number ms ? Duration.ofMillis(ms.longValue()) : null;
    }
}
