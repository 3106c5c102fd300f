package com.slm.process.view;

import com.slm.domain.Outcome;

import java.util.Arrays;

import static com.slm.domain.ProcessVariables.APPROVAL_TASK;
import static com.slm.domain.ProcessVariables.APPROVED_DIGEST;
import static com.slm.domain.ProcessVariables.MIGRATION_COMPLETED_AT;
import static com.slm.domain.ProcessVariables.OUTCOME;
import static com.slm.domain.ProcessVariables.VM_FOUND_AT_TARGET;

/** Where a migration is, in the words its requester uses; decided from the engine's facts only. */
public enum MigrationPhase {
    CHECKING("checking the request", "the pre-checks run; nothing has changed"),
    WAITING_FOR_APPROVAL("waiting for approval", "an approver decides; nothing has changed yet"),
    MIGRATING("migrating", "the VM is on its way; a failure or a cancel rolls it back to the source"),
    ROLLING_BACK("rolling back", "the migration is undone: the VM runs at the source again with its links up"),
    SECURING("securing at the target", "the VM has moved; its links open only behind IPsec, nothing is rolled back any more"),
    INCIDENT("failed with an incident", "a step stopped; an admin must act (see the incident below)"),
    COMPLETED("completed", "the VM runs at the target, its traffic with the secure side through IPsec"),
    ROLLED_BACK("rolled back", "the VM runs at the source as before"),
    CANCELLED("cancelled", "withdrawn before anything changed"),
    REJECTED("rejected", "the approver said no; nothing changed"),
    EXPIRED("expired", "nobody approved in time; nothing changed"),
    PRECHECK_FAILED("pre-checks failed", "nothing changed"),
    STOPPED("stopped by an admin", "ended without an outcome; ask an admin what the VM's state is");

    private static final String ROLL_BACK_STEP = "RollBackMigration";

    private final String label;
    private final String meaning;

    MigrationPhase(String label, String meaning) {
        this.label = label;
        this.meaning = meaning;
    }

    /** A few words for the list. */
    public String label() {
        return label;
    }

    /** What the phase means for the VM, for the migration's own page. */
    public String meaning() {
        return meaning;
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
        Outcome recorded = Arrays.stream(Outcome.values()).filter(o -> o.name().equals(String.valueOf(outcome)))
                .findFirst().orElse(null);
        if (recorded == null) {
            // No outcome: an admin deleted the instance (Cockpit), the end listeners did not record one.
            return STOPPED;
        }
        return switch (recorded) {
            case COMPLETED -> COMPLETED;
            case ROLLED_BACK -> ROLLED_BACK;
            case CANCELLED -> CANCELLED;
            case REJECTED -> REJECTED;
            case EXPIRED -> EXPIRED;
            case PRECHECK_FAILED -> PRECHECK_FAILED;
        };
    }
}
