package com.slm.process.view;

import com.slm.domain.Outcome;

import static com.slm.process.ProcessVariables.APPROVAL_TASK;
import static com.slm.process.ProcessVariables.APPROVED_DIGEST;
import static com.slm.process.ProcessVariables.MIGRATION_COMPLETED_AT;
import static com.slm.process.ProcessVariables.OUTCOME;
import static com.slm.process.ProcessVariables.VM_FOUND_AT_TARGET;

/** Where a migration is, in the words its requester uses; decided from the engine's facts only. */
public enum MigrationPhase {
    CHECKING("checking the request (pre-checks)"),
    WAITING_FOR_APPROVAL("waiting for approval"),
    MIGRATING("migrating (the VM is on its way; a failure or a cancel rolls it back)"),
    ROLLING_BACK("rolling back to the source"),
    SECURING("securing at the target (the VM has moved; nothing is rolled back any more)"),
    INCIDENT("stopped with an incident (an admin must act)"),
    COMPLETED("completed"),
    ROLLED_BACK("rolled back (the VM runs at the source)"),
    CANCELLED("cancelled before anything changed"),
    REJECTED("rejected by the approver"),
    EXPIRED("expired without approval"),
    PRECHECK_FAILED("pre-checks failed (nothing changed)"),
    STOPPED("stopped by an admin (no outcome recorded)");

    private static final String ROLL_BACK_STEP = "RollBackMigration";

    private final String label;

    MigrationPhase(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static MigrationPhase of(MigrationFacts facts) {
        if (facts.ended()) {
            return ended(facts.variable(OUTCOME));
        }
        if (!facts.openIncidents().isEmpty()) {
            return INCIDENT;
        }
        if (facts.currentElements().contains(ROLL_BACK_STEP)) {
            return ROLLING_BACK;
        }
        if (facts.currentElements().contains(APPROVAL_TASK)) {
            return WAITING_FOR_APPROVAL;
        }
        if (!facts.isSet(APPROVED_DIGEST)) {
            return CHECKING;
        }
        // Once the job completed (or the roll-back found the VM at the target) the model only goes forward.
        return facts.isSet(MIGRATION_COMPLETED_AT) || Boolean.TRUE.equals(facts.variable(VM_FOUND_AT_TARGET))
                ? SECURING : MIGRATING;
    }

    private static MigrationPhase ended(Object outcome) {
        if (outcome == null) {
            return STOPPED;
        }
        return switch (Outcome.valueOf(outcome.toString())) {
            case COMPLETED -> COMPLETED;
            case ROLLED_BACK -> ROLLED_BACK;
            case CANCELLED -> CANCELLED;
            case REJECTED -> REJECTED;
            case EXPIRED -> EXPIRED;
            case PRECHECK_FAILED -> PRECHECK_FAILED;
        };
    }
}
