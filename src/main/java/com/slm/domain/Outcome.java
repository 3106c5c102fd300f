package com.slm.domain;

/** How a migration ended, as recorded in the {@code outcome} variable and shown to auditors. */
public enum Outcome {
    COMPLETED,
    ROLLED_BACK,
    REJECTED,
    EXPIRED,
    PRECHECK_FAILED,
    /**
     * Withdrawn by its requester (or an admin): a migration before its VM ran at the target (nothing changed); an
     * evacuation before its approval (nothing changed) or midway (no further VM starts; its outcomes list each VM).
     */
    CANCELLED
}
