package com.slm.process;

import com.slm.application.LiveMigrationWatch;
import com.slm.domain.MigrationProgress;
import com.slm.domain.MigrationState;
import com.slm.process.support.BeforeTargetStep;
import com.slm.process.support.SealedRequests;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import java.util.Date;

import static com.slm.domain.ProcessVariables.*;

/**
 * Block 330: the live migration, watched without holding a thread: each visit reads the job's progress into
 * variables (Cockpit shows them) and the model waits for the hypervisor's event or the poll timer before the
 * next visit. A job that failed, or is gone, ends in the roll-back ({@link LiveMigrationWatch}); one that completed
 * records its figures for audit.
 */
@Component
public class TrackLiveMigrationDelegate extends BeforeTargetStep {
    private final LiveMigrationWatch watch;

    public TrackLiveMigrationDelegate(LiveMigrationWatch watch) {
        this.watch = watch;
    }

    @Override
    protected String step() {
        return "Block 330 (live-migrate)";
    }

    @Override
    protected void run(DelegateExecution execution) {
        Date started = (Date) execution.getVariable(MIGRATION_STARTED_AT);
        MigrationProgress progress = watch.progress(SealedRequests.approved(execution),
                started == null ? null : started.toInstant(), ClockUtil.getCurrentTime().toInstant());
        MigrationState state = progress.state();
        execution.setVariable(MIGRATION_STATE, state == MigrationState.NOT_STARTED ? MigrationState.RUNNING.name() : state.name());
        execution.setVariable(MIGRATION_DETAIL, progress.detail());
        if (state == MigrationState.COMPLETED) {
            execution.setVariable(MIGRATION_PERCENT, 100);
            execution.setVariable(MIGRATION_ELAPSED_MS, progress.elapsedMs());
            execution.setVariable(MIGRATION_DOWNTIME_MS, progress.downtimeMs());
            execution.setVariable(MIGRATION_DATA_SENT, progress.dataSentBytes());
            if (execution.getVariable(MIGRATION_COMPLETED_AT) == null) {
                execution.setVariable(MIGRATION_COMPLETED_AT, ClockUtil.getCurrentTime());
            }
        } else {
            execution.setVariable(MIGRATION_PERCENT, progress.percent());
            execution.setVariable(MIGRATION_DATA_PROCESSED, progress.dataProcessedBytes());
            execution.setVariable(MIGRATION_DATA_REMAINING, progress.dataRemainingBytes());
            execution.setVariable(MIGRATION_ITERATION, progress.iteration());
        }
    }
}
