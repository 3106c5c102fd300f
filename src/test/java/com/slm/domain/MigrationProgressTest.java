package com.slm.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What an unknown figure looks like (-1) and how the dirty rate is derived, so the page never shows a made-up figure. */
class MigrationProgressTest {

    @Test
    void theDirtyRateIsPagesTimesPageSizeOrUnknown() {
        assertThat(new MemoryTransfer(100, 40, 60, 50, 256, 4096, 120).dirtyBytesPerSecond()).isEqualTo(256L * 4096);
        assertThat(new MemoryTransfer(100, 40, 60, 50, 0, 4096, 120).dirtyBytesPerSecond()).as("an idle guest").isZero();
        assertThat(new MemoryTransfer(100, 40, 60, 50, -1, 4096, 120).dirtyBytesPerSecond()).as("rate not reported").isEqualTo(-1);
        assertThat(new MemoryTransfer(100, 40, 60, 50, 256, 0, 120).dirtyBytesPerSecond()).as("page size not reported").isEqualTo(-1);
        assertThat(MemoryTransfer.UNKNOWN.dirtyBytesPerSecond()).isEqualTo(-1);
    }

    @Test
    void aSnapshotWithoutMemoryFiguresCarriesUnknownOnesNeverNull() {
        assertThat(new MigrationProgress(MigrationState.RUNNING, 40, 1, 2, 1, 500, -1, 3, "running").memory())
                .isEqualTo(MemoryTransfer.UNKNOWN);
        assertThat(new MigrationProgress(MigrationState.RUNNING, 40, 1, 2, 1, 500, -1, 3, "running", null).memory())
                .isEqualTo(MemoryTransfer.UNKNOWN);
        MigrationProgress failed = MigrationProgress.of(MigrationState.FAILED, "migration failed");
        assertThat(failed.state()).isEqualTo(MigrationState.FAILED);
        assertThat(failed.detail()).isEqualTo("migration failed");
        assertThat(failed.percent()).isEqualTo(-1);
        assertThat(failed.downtimeMs()).isEqualTo(-1);
    }
}
