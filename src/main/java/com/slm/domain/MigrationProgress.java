package com.slm.domain;

/**
 * A snapshot of a live migration job. Progress fields (and {@link #memory()}) are meaningful while
 * {@link MigrationState#RUNNING}; the figures (elapsed, downtime, data sent) once {@link MigrationState#COMPLETED}.
 * Unknown values are -1.
 */
public record MigrationProgress(
        MigrationState state,
        int percent,
        long dataProcessedBytes,
        long dataRemainingBytes,
        long iteration,
        long elapsedMs,
        long downtimeMs,
        long dataSentBytes,
        String detail,
        MemoryTransfer memory) {

    public MigrationProgress {
        memory = memory == null ? MemoryTransfer.UNKNOWN : memory;
    }

    /** A snapshot without memory figures (the step that tracks block 330 needs none of them). */
    public MigrationProgress(MigrationState state, int percent, long dataProcessedBytes, long dataRemainingBytes,
                             long iteration, long elapsedMs, long downtimeMs, long dataSentBytes, String detail) {
        this(state, percent, dataProcessedBytes, dataRemainingBytes, iteration, elapsedMs, downtimeMs, dataSentBytes,
                detail, MemoryTransfer.UNKNOWN);
    }

    public static MigrationProgress of(MigrationState state, String detail) {
        return new MigrationProgress(state, -1, -1, -1, -1, -1, -1, -1, detail);
    }
}
