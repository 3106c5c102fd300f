package com.slm.process.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.TreeSet;

import static com.slm.domain.ProcessVariables.PROCESS_KEY;

/**
 * {@code slm_open_incidents{block}}: the incidents open right now at each block that runs as a job (every service
 * task and timer of the model), counted by the engine at scrape time: one count query per block, on the incident
 * table's activity index. The blocks are read from the latest deployed model once the application is up; a block
 * with no incident shows 0, so an alert sees it appear.
 */
@Component
public class OpenIncidentGauges {
    private final MeterRegistry registry;
    private final RuntimeService runtime;
    private final RepositoryService repository;

    public OpenIncidentGauges(MeterRegistry registry, RuntimeService runtime, RepositoryService repository) {
        this.registry = registry;
        this.runtime = runtime;
        this.repository = repository;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void trackBlocksOfTheModel() {
        ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY)
                .latestVersion().singleResult();
        if (latest != null) {
            blocksWithJobs(repository.getBpmnModelInstance(latest.getId())).forEach(this::track);
        }
    }

    static Set<String> blocksWithJobs(BpmnModelInstance model) {
        Set<String> blocks = new TreeSet<>();
        model.getModelElementsByType(ServiceTask.class).forEach(task -> blocks.add(task.getId()));
        for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
            ModelElementInstance event = timer.getParentElement();
            blocks.add(event.getAttributeValue("id"));
        }
        return blocks;
    }

    private void track(String block) {
        Gauge.builder("slm.open.incidents", runtime, engine -> engine.createIncidentQuery().activityId(block).count())
                .description("Incidents open now, by block (activity id): failed steps or timers waiting for an admin")
                .tag("block", block).strongReference(true).register(registry);
    }
}
