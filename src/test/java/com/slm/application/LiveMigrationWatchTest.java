package com.slm.application;

import com.slm.domain.MigrationProgress;
import com.slm.domain.MigrationState;
import com.slm.port.Hypervisor;
import com.slm.port.PortException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static com.slm.application.WholeSubnetTest.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Block 330: a failed job, or one gone after the start's grace, is a failure no retry heals; the rest is progress. */
class LiveMigrationWatchTest {
    private static final Instant STARTED = Instant.parse("2026-01-01T10:00:00Z");

    private final Hypervisor hypervisor = mock(Hypervisor.class);
    private final LiveMigrationWatch watch = new LiveMigrationWatch(hypervisor);

    private static MigrationProgress in(MigrationState state, String detail) {
        return new MigrationProgress(state, 40, 1, 2, 1, -1, -1, -1, detail);
    }

    @Test
    void noJobYetRightAfterTheStartIsProgress() {
        when(hypervisor.migrationProgress(APP)).thenReturn(in(MigrationState.NOT_STARTED, null));
        assertThat(watch.progress(APP, STARTED, STARTED.plusSeconds(29)).state()).isEqualTo(MigrationState.NOT_STARTED);
    }

    @Test
    void noJobAfterTheGraceOrWithoutAStartIsAGoneJob() {
        when(hypervisor.migrationProgress(APP)).thenReturn(in(MigrationState.NOT_STARTED, "no job"));
        assertThatThrownBy(() -> watch.progress(APP, STARTED, STARTED.plus(LiveMigrationWatch.START_GRACE)))
                .isInstanceOf(PortException.class).hasMessage("the migration job of VM 'app' is gone and the VM is still "
                        + "at secure/site-a: no job")
                .matches(e -> !((PortException) e).isRetryable());
        assertThatThrownBy(() -> watch.progress(APP, null, STARTED)).isInstanceOf(PortException.class);
    }

    @Test
    void aFailedJobCannotHeal() {
        when(hypervisor.migrationProgress(APP)).thenReturn(in(MigrationState.FAILED, "QEMU: migration aborted"));
        assertThatThrownBy(() -> watch.progress(APP, STARTED, STARTED.plusSeconds(5)))
                .hasMessage("the migration of VM 'app' failed: QEMU: migration aborted");
    }

    @Test
    void aRunningJobIsProgress() {
        when(hypervisor.migrationProgress(APP)).thenReturn(in(MigrationState.RUNNING, null));
        assertThat(watch.progress(APP, STARTED, STARTED.plusSeconds(300)).percent()).isEqualTo(40);
    }
}
