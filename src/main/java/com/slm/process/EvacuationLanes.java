package com.slm.process;

import com.fasterxml.jackson.core.type.TypeReference;
import com.slm.application.EvacuationPreChecks;
import com.slm.domain.EvacuationRequest;
import com.slm.domain.MigrationRequest;
import com.slm.process.support.JsonVariables;
import com.slm.process.support.SealedEvacuations;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static com.slm.domain.ProcessVariables.EVACUATION_PLAN;

/**
 * The model's loops over an approved evacuation: at most {@code parallelism} lanes at once, each moving its VMs one
 * after the other (Camunda 7's multi-instance has no bound on concurrency, so the bound is the number of lanes), and
 * the start fields of each VM's migration. Everything is read from the approved seal and the pre-checks' plan, never
 * from a loose variable; each migration validates, seals and pre-checks its own request again.
 */
@Component("evacuationLanes")
public class EvacuationLanes {

    /** The lanes, each the comma-separated names of its VMs (plain strings: the loop keeps one per instance). */
    public List<String> lanes(DelegateExecution execution) {
        return EvacuationPreChecks.lanes(SealedEvacuations.approved(execution));
    }

    /** The VMs of one lane, in the order it moves them. */
    public List<String> vmsOf(String lane) {
        return Arrays.asList(lane.split(","));
    }

    /** The start fields of {@code vm}'s migration: the batch's request from the host the pre-checks found it on. */
    public MigrationRequest migrationOf(DelegateExecution execution, String vm) {
        EvacuationRequest request = SealedEvacuations.approved(execution);
        if (!request.vmNames().contains(vm)) {
            throw new IllegalStateException("VM '" + vm + "' is not part of the approved evacuation");
        }
        Map<String, String> plan = JsonVariables.read(execution, EVACUATION_PLAN, new TypeReference<Map<String, String>>() {
        });
        return request.migrationOf(vm, plan == null ? null : plan.get(vm));
    }
}
