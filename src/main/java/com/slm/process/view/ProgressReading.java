package com.slm.process.view;

import com.slm.domain.MigrationProgress;

import java.time.Instant;

/** One read of a migration job from the hypervisor: its progress, or why there is none, and when it was read. */
public record ProgressReading(MigrationProgress progress, String unavailableBecause, Instant readAt) {
}
