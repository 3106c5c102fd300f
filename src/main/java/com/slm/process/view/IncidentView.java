package com.slm.process.view;

import com.slm.domain.MigrationRequest;
import com.slm.process.support.VmStateReport;
import org.camunda.bpm.engine.runtime.Incident;

import java.time.Instant;

import static com.slm.domain.ProcessVariables.GUARD_REMOVED_AT;
import static com.slm.domain.ProcessVariables.MIGRATION_COMPLETED_AT;
import static com.slm.domain.ProcessVariables.TRAFFIC_BLOCKED_AT;
import static com.slm.domain.ProcessVariables.TRAFFIC_ENABLED_AT;
import static com.slm.domain.ProcessVariables.VM_FOUND_AT_TARGET;

/**
 * An open incident in plain words: which step stopped, what failed, what the VM's state means now, and what
 * happens next. The step's message (see {@code AfterTargetStep}) also carried the state at the time of the failure;
 * the page shows the state as it is now, described by the same {@link VmStateReport}.
 */
public record IncidentView(String step, Instant since, String whatFailed, String vmState, String whatNext) {
    /** Where the step's own message ends and its state report begins. */
    private static final String STATE_MARK = " | State: ";
    private static final String WHAT_NEXT = "An admin retries this step in Cockpit once the cause is fixed. Until then "
            + "nothing is rolled back and no link is opened.";

    static IncidentView of(Incident incident, String stepName, MigrationFacts facts, MigrationRequest request) {
        String message = incident.getIncidentMessage() == null ? "" : incident.getIncidentMessage();
        int state = message.indexOf(STATE_MARK);
        return new IncidentView(stepName, incident.getIncidentTimestamp().toInstant(),
                state < 0 ? message : message.substring(0, state), vmState(facts, request), WHAT_NEXT);
    }

    private static String vmState(MigrationFacts facts, MigrationRequest request) {
        if (facts.isSet(MIGRATION_COMPLETED_AT) || Boolean.TRUE.equals(facts.variable(VM_FOUND_AT_TARGET))) {
            return VmStateReport.describe(request, facts::variable);
        }
        String vm = request == null ? "The VM" : "VM '" + request.vmName() + "'";
        String source = request == null ? "the source" : request.source().environment() + "/" + request.source().host();
        boolean linksDown = facts.isSet(TRAFFIC_BLOCKED_AT) && !facts.isSet(TRAFFIC_ENABLED_AT) && !facts.isSet(GUARD_REMOVED_AT);
        return vm + " has not left " + source + (linksDown
                ? "; its network links are DOWN since block 320 (isolated: nothing in clear)"
                : "; its network links are as they were before the migration");
    }
}
