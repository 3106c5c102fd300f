package com.slm.process.view;

import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Incident;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the engine knows about one migration at the moment of an answer, read once: its history row, its variables
 * (JSON as text), the elements it stands at (runtime, with waiting async jobs) and its open incidents. Everything the
 * page shows is derived from these facts, so one answer never mixes two moments.
 */
public record MigrationFacts(
        HistoricProcessInstance instance,
        Map<String, Object> variables,
        Set<String> currentElements,
        List<Incident> openIncidents,
        boolean listensForCancel) {

    public String id() {
        return instance.getId();
    }

    public boolean ended() {
        return instance.getEndTime() != null;
    }

    public Object variable(String name) {
        return variables.get(name);
    }

    public boolean isSet(String name) {
        return variables.get(name) != null;
    }

    public Instant started() {
        return instance.getStartTime() == null ? null : instance.getStartTime().toInstant();
    }

    public Instant endedAt() {
        return instance.getEndTime() == null ? null : instance.getEndTime().toInstant();
    }
}
