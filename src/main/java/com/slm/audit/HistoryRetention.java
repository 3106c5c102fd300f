package com.slm.audit;

import com.slm.domain.ProcessVariables;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * The engine's history of migrations is kept for {@code slm.audit.history-ttl-days} and then removed by the
 * history cleanup (in its batch window); the sealed audit records stay. Applied to every deployed version of
 * the model at start, so a change of the setting needs no new model.
 */
public class HistoryRetention implements ApplicationRunner {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryRetention.class);

    private final RepositoryService repository;
    private final int days;

    public HistoryRetention(RepositoryService repository, int days) {
        this.repository = repository;
        this.days = days;
    }

    @Override
    public void run(ApplicationArguments args) {
        // an evacuation's history is kept as long as that of the migrations it ran
        for (ProcessDefinition definition : repository.createProcessDefinitionQuery()
                .processDefinitionKeysIn(ProcessVariables.PROCESS_KEY, ProcessVariables.EVACUATION_KEY).list()) {
            if (definition.getHistoryTimeToLive() == null || definition.getHistoryTimeToLive() != days) {
                repository.updateProcessDefinitionHistoryTimeToLive(definition.getId(), days);
                LOG.info("History of {} kept {} days", definition.getId(), days);
            }
        }
    }
}
