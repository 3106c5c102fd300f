package com.slm.process;

import com.slm.domain.EvacuationRequest;
import com.slm.process.support.AfterTargetStep;
import com.slm.process.support.JsonVariables;
import com.slm.process.support.SealedEvacuations;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.slm.domain.ProcessVariables.*;

/**
 * After the last lane: each VM of the batch, the migration that moved it (or tried) and how that ended, read from
 * the engine's history of the migrations this evacuation called. A VM without a migration is listed as such.
 */
@Component
public class RecordEvacuationOutcomesDelegate extends AfterTargetStep {
    private final HistoryService history;

    public RecordEvacuationOutcomesDelegate(HistoryService history) {
        this.history = history;
    }

    @Override
    protected String step() {
        return "Recording the evacuation's outcomes";
    }

    @Override
    protected void run(DelegateExecution execution) {
        EvacuationRequest request = SealedEvacuations.approved(execution);
        Map<String, HistoricProcessInstance> byVm = new LinkedHashMap<>();
        history.createHistoricProcessInstanceQuery().superProcessInstanceId(execution.getProcessInstanceId()).list().stream()
                .sorted(Comparator.comparing(HistoricProcessInstance::getStartTime))
                .forEach(migration -> byVm.put(migration.getBusinessKey(), migration));   // the latest attempt per VM
        List<Map<String, Object>> outcomes = new ArrayList<>();
        int evacuated = 0;
        StringBuilder summary = new StringBuilder();
        for (String vm : request.vmNames()) {
            HistoricProcessInstance migration = byVm.get(vm);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("vm", vm);
            row.put("migration", migration == null ? null : migration.getId());
            String outcome = migration == null ? "NOT_STARTED" : text(migration.getId(), OUTCOME, migration.getState());
            String reason = migration == null ? null : text(migration.getId(), FAILURE_REASON, null);
            row.put("outcome", outcome);
            row.put("failureReason", reason);
            outcomes.add(row);
            evacuated += "COMPLETED".equals(outcome) ? 1 : 0;
            summary.append(vm).append(": ").append(outcome).append(migration == null ? "" : " (migration " + migration.getId() + ")")
                    .append(reason == null ? "" : ": " + reason).append('\n');
        }
        execution.setVariable(EVACUATION_OUTCOMES, JsonVariables.json(outcomes));
        execution.setVariable(EVACUATION_SUMMARY, summary.toString().strip());
        execution.setVariable(EVACUATED_COUNT, evacuated);
        execution.setVariable(NOT_EVACUATED_COUNT, request.vmNames().size() - evacuated);
    }

    private String text(String processInstanceId, String variable, String otherwise) {
        HistoricVariableInstance found = history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
                .variableName(variable).singleResult();
        return found == null || found.getValue() == null ? otherwise : String.valueOf(found.getValue());
    }
}
