package com.slm.process;

import com.slm.domain.MigrationProgress;
import com.slm.domain.MigrationRequest;
import com.slm.domain.MigrationState;
import com.slm.port.Hypervisor;
import com.slm.port.PortException;
import com.slm.process.support.BeforeTargetStep;
import com.slm.process.support.SealedRequests;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Date;

import static com.slm.domain.ProcessVariables.*;

/**
 * Block 330: the live migration, watched without holding a thread: each visit reads the job's progress into
 * variables (Cockpit shows them) and the model waits for the hypervisor's event or the poll timer before the
 * next visit. A job that failed ends in the roll-back; one that completed records its figures for audit.
 */
@Component
public class TrackLiveMigrationDelegate extends BeforeTargetStep {
    /** Right after the start the job may not be visible yet; after this long, "no job" means it is gone. */
    static final Duration START_GRACE = Duration.ofSeconds(30);

    private final Hypervisor hypervisor;

    public TrackLiveMigrationDelegate(Hypervisor hypervisor) {
        this.hypervisor = hypervisor;
    }

    @Override
    protected String step() {
        return "Block 330 (live-migrate)";
    }

    @Override
    protected void run(DelegateExecution execution) {
        MigrationRequest request = SealedRequests.approved(execution);
        MigrationProgress progress = hypervisor.migrationProgress(request);
        MigrationState state = progress.state();
        if (state == MigrationState.NOT_STARTED && !withinStartGrace(execution)) {
            throw new PortException("the migration job of VM '" + request.vmName() + "' is gone and the VM is still at "
                    + request.source() + (progress.detail() == null ? "" : ": " + progress.detail()), false);
        }
        if (state == MigrationState.FAILED) {
            throw new PortException("the migration of VM '" + request.vmName() + "' failed: " + progress.detail(), false);
        }
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

    private static boolean withinStartGrace(DelegateExecution execution) {
        Date started = (Date) execution.getVariable(MIGRATION_STARTED_AT);
        return started != null && started.toInstant().plus(START_GRACE).isAfter(
                ClockUtil.getCurrentTime().toInstant());
    }
}
