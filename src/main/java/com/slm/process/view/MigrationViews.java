package com.slm.process.view;

import com.slm.process.support.MessageSubscriptions;
import com.slm.domain.MigrationRequest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import com.slm.audit.Requesters;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static com.slm.domain.ProcessVariables.APPROVER;
import static com.slm.domain.ProcessVariables.CANCELLED_BY;
import static com.slm.domain.ProcessVariables.EVACUATION_KEY;
import static com.slm.domain.ProcessVariables.FAILURE_REASON;
import static com.slm.domain.ProcessVariables.MESSAGE_CANCEL_EVACUATION;
import static com.slm.domain.ProcessVariables.MIGRATION_STARTED_AT;
import static com.slm.domain.ProcessVariables.PROCESS_KEY;

/**
 * The read side of the operators' migrations page: the list, one migration, its diagram. Read-only, as the product;
 * who sees what is decided here, from the engine's start user id, never by the page: an operator's query is limited
 * to their own migrations, and a migration that is not theirs does not exist for them (as for the cancel call).
 */
@Component
public class MigrationViews {
    /** The newest migrations only: the page is for what happens now; the audit view holds the whole history. */
    static final int LIST_SIZE = 50;

    private final HistoryService history;
    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final MigrationFactsReader facts;
    private final LiveProgressReader progress;
    private final MigrationDiagram diagram;

    public MigrationViews(HistoryService history, RuntimeService runtime, RepositoryService repository,
                          MigrationFactsReader facts, LiveProgressReader progress, MigrationDiagram diagram) {
        this.history = history;
        this.runtime = runtime;
        this.repository = repository;
        this.facts = facts;
        this.progress = progress;
        this.diagram = diagram;
    }

    public List<MigrationRow> list(Viewer viewer) {
        HistoricProcessInstanceQuery query = history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY);
        if (viewer.seesAll()) {
            return rows(query.orderByProcessInstanceStartTime().desc().listPage(0, LIST_SIZE));
        }
        // the viewer's own: those they started, and those of the evacuations they started
        List<HistoricProcessInstance> own = new ArrayList<>(query.startedBy(viewer.userId())
                .orderByProcessInstanceStartTime().desc().listPage(0, LIST_SIZE));
        for (String evacuation : Requesters.evacuationsStartedBy(viewer.userId(), history, LIST_SIZE)) {
            own.addAll(history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
                    .superProcessInstanceId(evacuation).list());
        }
        own.sort(Comparator.comparing(HistoricProcessInstance::getStartTime).reversed());
        return rows(own.subList(0, Math.min(LIST_SIZE, own.size())));
    }

    private List<MigrationRow> rows(List<HistoricProcessInstance> instances) {
        return instances.stream().map(facts::read).map(this::row).toList();
    }

    public Optional<MigrationDetail> detail(String processInstanceId, Viewer viewer) {
        return visible(processInstanceId, viewer).map(instance -> detail(facts.read(instance), viewer));
    }

    public Optional<String> diagram(String processInstanceId, Viewer viewer) {
        return visible(processInstanceId, viewer).map(instance -> diagram.svg(facts.read(instance)));
    }

    private Optional<HistoricProcessInstance> visible(String processInstanceId, Viewer viewer) {
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).processDefinitionKey(PROCESS_KEY).singleResult();
        return instance != null && viewer.sees(Requesters.of(instance, history)) ? Optional.of(instance) : Optional.empty();
    }

    private MigrationRow row(MigrationFacts migration) {
        MigrationPhase phase = MigrationPhase.of(migration);
        CurrentStep step = CurrentStep.of(migration.currentElements(), model(migration));
        RequestView request = RequestView.of(migration, RequestView.request(migration));
        return new MigrationRow(migration.id(), request.vm(), request.source(), request.target(),
                Requesters.of(migration.instance(), history), migration.started(), migration.endedAt(), phase, phase.label(),
                step == null ? null : step.block(), step == null ? null : step.name());
    }

    private MigrationDetail detail(MigrationFacts migration, Viewer viewer) {
        BpmnModelInstance model = model(migration);
        MigrationPhase phase = MigrationPhase.of(migration);
        CurrentStep step = CurrentStep.of(migration.currentElements(), model);
        MigrationRequest request = RequestView.request(migration);
        String startUser = Requesters.of(migration.instance(), history);
        String evacuation = evacuationOf(migration.instance());
        return new MigrationDetail(migration.id(), RequestView.of(migration, request), startUser, migration.started(),
                migration.endedAt(), phase, phase.label(), phase.meaning(), step, liveProgress(migration, phase, step, request),
                incident(migration, model, request), text(migration.variable(APPROVER)),
                text(migration.variable(CANCELLED_BY)), text(migration.variable(FAILURE_REASON)),
                migration.listensForCancel() && viewer.mayCancel(startUser), evacuation,
                evacuation != null && viewer.mayCancel(startUser) && MessageSubscriptions.listens(runtime, evacuation, MESSAGE_CANCEL_EVACUATION));
    }

    /** The evacuation that called this migration, if one did. */
    private String evacuationOf(HistoricProcessInstance migration) {
        String caller = migration.getSuperProcessInstanceId();
        return caller != null && history.createHistoricProcessInstanceQuery().processInstanceId(caller)
                .processDefinitionKey(EVACUATION_KEY).count() == 1 ? caller : null;
    }


    /** Only while block 330 watches a started job: live from the hypervisor, else what its last poll recorded. */
    private LiveProgress liveProgress(MigrationFacts migration, MigrationPhase phase, CurrentStep step,
                                      MigrationRequest request) {
        if (phase != MigrationPhase.MIGRATING || step == null || !step.isBlock330() || !migration.isSet(MIGRATION_STARTED_AT)) {
            return null;
        }
        // The steps stamp their times from the engine's clock (trafficBlockedAt), so "links down for" counts on it too.
        Instant now = ClockUtil.getCurrentTime().toInstant();
        if (request == null) {
            return LiveProgress.fromLastPoll(migration, "the request is unreadable: no live figures", now);
        }
        ProgressReading reading = progress.read(migration.id(), request);
        return reading.progress() == null
                ? LiveProgress.fromLastPoll(migration, reading.unavailableBecause(), now)
                : LiveProgress.fromHypervisor(reading, migration, now);
    }

    private static IncidentView incident(MigrationFacts migration, BpmnModelInstance model, MigrationRequest request) {
        if (migration.openIncidents().isEmpty()) {
            return null;
        }
        Incident first = migration.openIncidents().get(0);
        CurrentStep step = CurrentStep.of(Set.of(first.getActivityId()), model);
        return IncidentView.of(first, step == null ? first.getActivityId() : step.name(), migration, request);
    }

    private BpmnModelInstance model(MigrationFacts migration) {
        return migration.ended() ? null : repository.getBpmnModelInstance(migration.instance().getProcessDefinitionId());
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
