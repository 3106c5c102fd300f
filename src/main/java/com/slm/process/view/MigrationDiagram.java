package com.slm.process.view;

import com.slm.audit.BpmnDiagramSvg;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The model of a migration drawn by the audit view's {@link BpmnDiagramSvg}: the path taken in green, where it stands
 * now in amber (the block a helper element serves, e.g. 330 for its poll loop). Deployed models never change, so
 * each is read once.
 */
@Component
public class MigrationDiagram {
    private final HistoryService history;
    private final RepositoryService repository;
    private final Map<String, String> models = new ConcurrentHashMap<>();

    public MigrationDiagram(HistoryService history, RepositoryService repository) {
        this.history = history;
        this.repository = repository;
    }

    String svg(MigrationFacts facts) {
        Set<String> passed = new HashSet<>();
        for (HistoricActivityInstance step : history.createHistoricActivityInstanceQuery().processInstanceId(facts.id()).list()) {
            if (step.getEndTime() != null) {
                passed.add(step.getActivityId());
            }
        }
        Set<String> current = CurrentStep.highlighted(facts.currentElements());
        passed.removeAll(current);
        return BpmnDiagramSvg.render(model(facts.instance().getProcessDefinitionId()), passed, current);
    }

    private String model(String processDefinitionId) {
        return models.computeIfAbsent(processDefinitionId, id -> {
            try (InputStream xml = repository.getProcessModel(id)) {
                return new String(xml.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
