package com.slm.audit;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

import java.util.List;

/**
 * Seals every finished migration that is not sealed yet, oldest end first, every few seconds. Polling the
 * history (rather than a listener inside the engine's transaction) keeps sealing out of the migration's own
 * transaction and catches up after a restart.
 */
public class AuditSealer {
    private static final Logger LOG = LoggerFactory.getLogger(AuditSealer.class);

    private final HistoryService history;
    private final AuditRecordBuilder records;
    private final AuditChain chain;

    public AuditSealer(HistoryService history, AuditRecordBuilder records, AuditChain chain) {
        this.history = history;
        this.records = records;
        this.chain = chain;
    }

    @Scheduled(fixedDelayString = "${slm.audit.seal-interval:PT10S}", initialDelayString = "${slm.audit.seal-interval:PT10S}")
    public synchronized int sealFinished() {
        List<HistoricProcessInstance> finished = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey("secureLiveMigration").finished()
                .orderByProcessInstanceEndTime().asc().list();
        int sealed = 0;
        for (HistoricProcessInstance instance : finished) {
            if (!chain.isSealed(instance.getId())) {
                chain.seal(records.build(instance.getId()));
                sealed++;
            }
        }
        if (sealed > 0) {
            LOG.info("Sealed {} finished migration(s) into the audit chain", sealed);
        }
        return sealed;
    }
}
