package com.slm.audit;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.history.HistoricVariableInstance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


import static com.slm.domain.ProcessVariables.*;
/**
 * The list of migrations, running and finished, newest first, filtered by VM, environment (source or target),
 * outcome and time range, one page at a time. Outcome is the recorded one; a finished instance without one
 * is FAILED (cancelled by an admin), a running one RUNNING.
 */
public class AuditQuery {
    /** Filters; null means "any". */
    public record Filter(String vm, String environment, String outcome, Instant from, Instant to) {
    }

    /** One row of the list. */
    public record Row(String processInstanceId, String vm, String sourceEnvironment, String targetEnvironment,
                      String outcome, String startedBy, String approver, String started, String ended, Long durationMs,
                      boolean sealed) {
    }

    public record Page(int page, int size, long total, List<Row> rows) {
    }

    private final HistoryService history;
    private final AuditChain chain;

    public AuditQuery(HistoryService history, AuditChain chain) {
        this.history = history;
        this.chain = chain;
    }

    public Page list(Filter filter, int page, int size) {
        HistoricProcessInstanceQuery query = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(PROCESS_KEY).orderByProcessInstanceStartTime().desc();
        if (filter.from() != null) {
            query.startedAfter(Date.from(filter.from()));
        }
        if (filter.to() != null) {
            query.startedBefore(Date.from(filter.to()));
        }
        List<Row> all = new ArrayList<>();
        for (HistoricProcessInstance instance : query.list()) {
            Row row = row(instance);
            // in memory, not in the engine query: the VM may sit in the JSON variable migrationRequest
            boolean vmMatches = filter.vm() == null || filter.vm().equals(row.vm());
            boolean environmentMatches = filter.environment() == null
                    || filter.environment().equals(row.sourceEnvironment()) || filter.environment().equals(row.targetEnvironment());
            boolean outcomeMatches = filter.outcome() == null || filter.outcome().equalsIgnoreCase(row.outcome());
            if (vmMatches && environmentMatches && outcomeMatches) {
                all.add(row);
            }
        }
        int from = Math.min(page * size, all.size());
        return new Page(page, size, all.size(), all.subList(from, Math.min(from + size, all.size())));
    }

    private Row row(HistoricProcessInstance instance) {
        Map<String, Object> v = new LinkedHashMap<>();
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId()).disableCustomObjectDeserialization()
                .variableNameIn(VM_NAME, SOURCE_ENVIRONMENT, TARGET_ENVIRONMENT, MIGRATION_REQUEST, OUTCOME, APPROVER)
                .list()) {
            v.put(variable.getName(), AuditRecordBuilder.plain(variable));
        }
        RequestFields request = RequestFields.of(v);
        String outcome = v.get(OUTCOME) != null ? v.get(OUTCOME).toString() : instance.getEndTime() == null ? "RUNNING" : "FAILED";
        return new Row(instance.getId(), request.vmName(), request.sourceEnvironment(), request.targetEnvironment(),
                outcome, Requesters.of(instance, history), (String) v.get(APPROVER),
                AuditRecordBuilder.iso(instance.getStartTime()), AuditRecordBuilder.iso(instance.getEndTime()),
                instance.getDurationInMillis(), chain.isSealed(instance.getId()));
    }
}
