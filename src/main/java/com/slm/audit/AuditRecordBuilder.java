package com.slm.audit;

import com.slm.domain.MigrationRequestValidator;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.spin.plugin.variable.value.JsonValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;


import static com.slm.domain.ProcessVariables.*;
/**
 * One migration's audit record, read from the engine's history: the request, the approval, every step in the
 * order it ran with start, end, duration and outcome, incidents, retries and who made them, the figures, the SA
 * details and connection lists (stored by the steps without secrets). Schema: docs/audit.md (version 1).
 */
public class AuditRecordBuilder {
    /** 2: adds requestedBy, interventions (replacing operations) and the migrationRequest / digest variables. */
    public static final int SCHEMA_VERSION = 2;
    /** Variables copied into the record (everything the steps record for audit; never a secret). */
    static final Set<String> RECORDED = recorded();

    /** Every request field (the validator's list, so none can be left out), then what the steps record. */
    private static Set<String> recorded() {
        Set<String> names = new LinkedHashSet<>(MigrationRequestValidator.FIELDS);
        names.addAll(List.of(PRE_CHECKS_PASSED, PRE_CHECK_RESULTS, APPROVAL_DECISION, APPROVAL_COMMENT, APPROVER,
                VM_ADDRESS, VM_SUBNET, WHOLE_SUBNET_MOVED, MIGRATION_ELAPSED_MS, MIGRATION_DOWNTIME_MS,
                MIGRATION_DATA_SENT, TRAFFIC_BLOCKED_AT, TRAFFIC_ENABLED_AT, BLACKOUT_MS, IPSEC_SAS, TUNNEL_SAS,
                CONNECTIONS, SECURE_CONNECTIONS, INSECURE_CONNECTIONS, CONNECTION_ACTIONS, ROUTE_LEARNED, ROUTE_DETAIL,
                OUTCOME, FAILURE_REASON,
                // the request as one JSON variable and its digests (newer migrations; read when present)
                MIGRATION_REQUEST, REQUEST_DIGEST, APPROVED_DIGEST,
                // a migration an evacuation called: which one (its approval covered this migration)
                EVACUATION_ID, SUBNET_LEFT_TO_EVACUATION));
        // variables only older migrations have in their history (no step writes them any more)
        names.addAll(LEGACY_VARIABLES);
        return Set.copyOf(names);
    }

    private final HistoryService history;

    public AuditRecordBuilder(HistoryService history) {
        this.history = history;
    }

    public Map<String, Object> build(String processInstanceId) {
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult();
        if (instance == null) {
            return null;
        }
        Map<String, Object> variables = new TreeMap<>();
        for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId).disableCustomObjectDeserialization().list()) {
            if (RECORDED.contains(v.getName())) {
                variables.put(v.getName(), plain(v));
            }
        }
        List<Map<String, Object>> steps = new ArrayList<>();
        for (HistoricActivityInstance a : history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
                .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list()) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("activityId", a.getActivityId());
            step.put("name", a.getActivityName());
            step.put("type", a.getActivityType());
            step.put("block", block(a.getActivityId()));
            step.put("start", iso(a.getStartTime()));
            step.put("end", iso(a.getEndTime()));
            step.put("durationMs", a.getDurationInMillis());
            step.put("assignee", a.getAssignee());
            step.put("outcome", a.getEndTime() == null ? "running" : a.isCanceled() ? "canceled" : "completed");
            steps.add(step);
        }
        List<Map<String, Object>> incidents = new ArrayList<>();
        for (HistoricIncident i : history.createHistoricIncidentQuery().processInstanceId(processInstanceId)
                .orderByCreateTime().asc().list()) {
            Map<String, Object> incident = new LinkedHashMap<>();
            incident.put("activityId", i.getActivityId());
            incident.put("created", iso(i.getCreateTime()));
            incident.put("ended", iso(i.getEndTime()));
            incident.put("message", i.getIncidentMessage());
            incident.put("resolved", i.isResolved());
            incidents.add(incident);
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("schemaVersion", SCHEMA_VERSION);
        record.put("processInstanceId", instance.getId());
        record.put("processDefinitionId", instance.getProcessDefinitionId());
        record.put("state", instance.getState());
        record.put("startedBy", instance.getStartUserId());
        // who asked: the engine's start user, or for a migration an evacuation called, the evacuation's
        record.put("requestedBy", Requesters.of(instance, history));
        record.put("started", iso(instance.getStartTime()));
        record.put("ended", iso(instance.getEndTime()));
        record.put("durationMs", instance.getDurationInMillis());
        record.put("outcome", outcome(instance, variables));
        record.put("variables", variables);
        record.put("steps", steps);
        record.put("incidents", incidents);
        record.put("interventions", interventions(processInstanceId));
        return record;
    }

    /**
     * Every entry of Camunda's user operation log for the instance: admin interventions (retries, suspensions,
     * cancellations, variable changes, task reassignments...). Who, when, what and on which property; never a
     * variable's value (a variable change logs only which variable), so nothing secret leaks into the record.
     */
    private List<Map<String, Object>> interventions(String processInstanceId) {
        List<Map<String, Object>> interventions = new ArrayList<>();
        for (UserOperationLogEntry e : history.createUserOperationLogQuery().processInstanceId(processInstanceId)
                .orderByTimestamp().asc().list()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("at", iso(e.getTimestamp()));
            entry.put("user", e.getUserId());
            entry.put("operation", e.getOperationType());
            entry.put("entity", e.getEntityType());
            entry.put("category", e.getCategory());
            entry.put("property", e.getProperty());
            boolean variable = "Variable".equals(e.getEntityType()) || (e.getOperationType() != null
                    && e.getOperationType().toLowerCase(Locale.ROOT).contains("variable"));
            entry.put("newValue", variable ? null : e.getNewValue());
            entry.put("annotation", e.getAnnotation());
            entry.put("operationId", e.getOperationId());
            interventions.add(entry);
        }
        return interventions;
    }

    /** COMPLETED, ROLLED_BACK, REJECTED, EXPIRED, PRECHECK_FAILED as recorded; FAILED for a stopped instance. */
    static String outcome(HistoricProcessInstance instance, Map<String, Object> variables) {
        Object recorded = variables.get(OUTCOME);
        if (recorded != null) {
            return recorded.toString();
        }
        if (instance.getEndTime() == null) {
            return "RUNNING";
        }
        return "FAILED";
    }

    static String block(String activityId) {
        return activityId != null && activityId.matches("Block\\d{3}_.*") ? activityId.substring(5, 8) : null;
    }

    static Object plain(HistoricVariableInstance v) {
        Object value = v.getTypedValue() instanceof JsonValue json ? json.getValueSerialized()
                // an object kept as JSON (or any serialized object, read without deserializing it): its text
                : v.getTypedValue() instanceof ObjectValue object && !object.isDeserialized() ? object.getValueSerialized()
                : v.getValue();
        if (value instanceof Date date) {
            return iso(date);
        }
        return value == null ? null : value instanceof Number || value instanceof Boolean ? value : value.toString();
    }

    static String iso(Date date) {
        return date == null ? null : Instant.ofEpochMilli(date.getTime()).toString();
    }
}
