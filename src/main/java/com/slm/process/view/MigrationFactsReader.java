package com.slm.process.view;

import com.slm.process.support.MessageSubscriptions;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.slm.domain.ProcessVariables.MESSAGE_CANCEL_MIGRATION;

/**
 * Reads {@link MigrationFacts} from the engine, as the product (the page's own rules decide who sees what). Variables
 * come from the history (it holds running and ended migrations alike) without deserializing anything: JSON stays
 * text. Where a running migration stands comes from the runtime's activity tree, which, unlike the history, also
 * names a step whose asynchronous job has not run yet (or failed).
 */
@Component
public class MigrationFactsReader {
    private final HistoryService history;
    private final RuntimeService runtime;

    public MigrationFactsReader(HistoryService history, RuntimeService runtime) {
        this.history = history;
        this.runtime = runtime;
    }

    public MigrationFacts read(HistoricProcessInstance instance) {
        Map<String, Object> variables = variables(instance.getId());
        if (instance.getEndTime() != null) {
            return new MigrationFacts(instance, variables, Set.of(), List.of(), false);
        }
        Set<String> current = currentElements(instance.getId());
        List<Incident> incidents = runtime.createIncidentQuery().processInstanceId(instance.getId()).list();
        boolean listensForCancel = MessageSubscriptions.listens(runtime, instance.getId(), MESSAGE_CANCEL_MIGRATION);
        return new MigrationFacts(instance, variables, current, incidents, listensForCancel);
    }

    private Map<String, Object> variables(String processInstanceId) {
        Map<String, Object> values = new HashMap<>();
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId).disableCustomObjectDeserialization().list()) {
            Object value = plain(variable.getTypedValue());
            if (value != null) {
                values.put(variable.getName(), value);
            }
        }
        return values;
    }

    /** Text, numbers, booleans and dates as they are; JSON values as their text. */
    private static Object plain(TypedValue value) {
        if (value == null) {
            return null;
        }
        if (value instanceof SerializableValue serializable) {
            return serializable.getValueSerialized();
        }
        return value.getValue();
    }

    /** Every element the instance stands at (scopes included), or none when it ended in between. */
    private Set<String> currentElements(String processInstanceId) {
        Set<String> ids = new LinkedHashSet<>();
        ActivityInstance root = runtime.getActivityInstance(processInstanceId);
        if (root != null) {
            collect(root, ids, true);
        }
        return ids;
    }

    private static void collect(ActivityInstance instance, Set<String> ids, boolean root) {
        if (!root) {
            ids.add(instance.getActivityId());
        }
        for (TransitionInstance waiting : instance.getChildTransitionInstances()) {
            ids.add(waiting.getActivityId());
        }
        for (ActivityInstance child : instance.getChildActivityInstances()) {
            collect(child, ids, false);
        }
    }
}
