package com.slm.audit;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;

import java.util.List;

import static com.slm.domain.ProcessVariables.EVACUATION_KEY;

/**
 * Who asked for a migration, from the engine's records: the user the engine recorded as its starter, or, for a
 * migration an evacuation called (which runs under no user), the user who started that evacuation. Used wherever a
 * requester matters: who sees a migration in "My migrations", who may cancel it, what the audit lists.
 */
public final class Requesters {
    private Requesters() {
    }

    public static String of(HistoricProcessInstance migration, HistoryService history) {
        if (migration.getStartUserId() != null || migration.getSuperProcessInstanceId() == null) {
            return migration.getStartUserId();
        }
        HistoricProcessInstance caller = history.createHistoricProcessInstanceQuery()
                .processInstanceId(migration.getSuperProcessInstanceId()).singleResult();
        return caller != null && EVACUATION_KEY.equals(caller.getProcessDefinitionKey()) ? caller.getStartUserId() : null;
    }

    /**
     * The {@code newest} evacuations {@code user} started, newest first: the migrations they called are
     * {@code user}'s too. Bounded, since a page that lists the newest migrations reads it on every refresh.
     */
    public static List<String> evacuationsStartedBy(String user, HistoryService history, int newest) {
        return history.createHistoricProcessInstanceQuery().processDefinitionKey(EVACUATION_KEY).startedBy(user)
                .orderByProcessInstanceStartTime().desc().listPage(0, newest)
                .stream().map(HistoricProcessInstance::getId).toList();
    }
}
