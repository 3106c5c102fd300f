package com.slm.process.view;

import java.time.Instant;

/** One line of the migrations list. */
public record MigrationRow(
        String id,
        String vm,
        String source,
        String target,
        String requestedBy,
        Instant started,
        Instant ended,
        MigrationPhase phase,
        String phaseLabel,
        String block,
        String step) {
}
