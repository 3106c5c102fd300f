package com.slm.application;

import com.slm.domain.MigrationProgress;
import com.slm.domain.MigrationRequest;
import com.slm.domain.MigrationState;
import com.slm.port.Hypervisor;
import com.slm.port.PortException;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;

/**
 * Block 330's reading of the migration job: a job that failed, or that is gone once the start has had time to show
 * it, is a failure no retry can heal (the roll-back follows); anything else is progress to record.
 */
@Component
public class LiveMigrationWatch {
    /** Right after the start the job may not be visible yet; after this long, "no job" means it is gone. */
    public static final Duration START_GRACE = Duration.ofSeconds(30);

    private final Hypervisor hypervisor;

    public LiveMigrationWatch(Hypervisor hypervisor) {
        this.hypervisor = hypervisor;
    }

    /**
     * @param startedAt when block 325 started the migration, {@code null} when it has no record of it
     * @throws PortException (not retryable) when the job failed or is gone
     */
    public MigrationProgress progress(MigrationRequest request, Instant startedAt, Instant now) {
        MigrationProgress progress = hypervisor.migrationProgress(request);
        boolean withinStartGrace = startedAt != null && startedAt.plus(START_GRACE).isAfter(now);
        if (progress.state() == MigrationState.NOT_STARTED && !withinStartGrace) {
            throw new PortException("the migration job of VM '" + request.vmName() + "' is gone and the VM is still at "
                    + request.source() + (progress.detail() == null ? "" : ": " + progress.detail()), false);
        }
        if (progress.state() == MigrationState.FAILED) {
            throw new PortException("the migration of VM '" + request.vmName() + "' failed: " + progress.detail(), false);
        }
        return progress;
    }
}
