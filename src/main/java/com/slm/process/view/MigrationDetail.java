package com.slm.process.view;

import java.time.Instant;

/**
 * One migration as its page shows it. {@code progress} only while block 330 runs, {@code incident} only while one
 * is open, {@code cancellable} when this viewer's cancel would be accepted in the current phase. For a migration of
 * an evacuation: {@code evacuationId}, and {@code evacuationCancellable} when this viewer may cancel the whole batch.
 */
public record MigrationDetail(
        String id,
        RequestView request,
        String requestedBy,
        Instant started,
        Instant ended,
        MigrationPhase phase,
        String phaseLabel,
        String phaseMeaning,
        CurrentStep currentStep,
        LiveProgress progress,
        IncidentView incident,
        String approver,
        String cancelledBy,
        String failureReason,
        boolean cancellable,
        String evacuationId,
        boolean evacuationCancellable) {
}
