package com.slm.domain;

/**
 * A snapshot of a live migration job. Progress fields are meaningful while {@link MigrationState#RUNNING};
 * the figures (elapsed, downtime, data sent) once {@link MigrationState#COMPLETED}. Unknown values are -1.
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
        String detail) {

    public static MigrationProgress of(MigrationState state, String detail) {
        return new MigrationProgress(state, -1, -1, -1, -1, -1, -1, -1, detail);
    }
}
