package com.slm.audit;

import com.slm.domain.ProcessVariables;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Seals every finished migration that is not sealed yet, oldest end first, every few seconds. Polling the
 * history (rather than a listener inside the engine's transaction) keeps sealing out of the migration's own
 * transaction and catches up after a restart. A record that fails is flagged ({@link UnsealableRecords}) and
 * the others are sealed all the same; flagged records are tried again after the others on each run.
 */
public class AuditSealer {
    private static final Logger LOG = LoggerFactory.getLogger(AuditSealer.class);

    private final HistoryService history;
    private final AuditRecordBuilder records;
    private final AuditChain chain;
    private final AuditAnchor anchor;
    private final UnsealableRecords unsealable;

    public AuditSealer(HistoryService history, AuditRecordBuilder records, AuditChain chain, AuditAnchor anchor,
                       UnsealableRecords unsealable) {
        this.history = history;
        this.records = records;
        this.chain = chain;
        this.anchor = anchor;
        this.unsealable = unsealable;
    }

    /**
     * At start, a chain that was sealed before the anchor existed (an upgrade, or a new anchor folder) gets one
     * signed checkpoint of its current head: from then on, anything that changes it is seen. Logged as a warning,
     * since the chain is trusted as it is at that moment.
     */
    public synchronized void anchorExistingChain() {
        AuditChain.Link head = chain.head();
        if (head != null && !anchor.journalExists()) {
            anchor.checkpoint(head.seq(), head.hash());
            LOG.warn("Audit anchor journal started at the existing chain head (seq {}, hash {}): records sealed before "
                    + "now are trusted as they stand", head.seq(), head.hash());
        }
    }

    @Scheduled(fixedDelayString = "${slm.audit.seal-interval:PT10S}", initialDelayString = "${slm.audit.seal-interval:PT10S}")
    public synchronized int sealFinished() {
        List<HistoricProcessInstance> finished = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(ProcessVariables.PROCESS_KEY).finished()
                .orderByProcessInstanceEndTime().asc().list();
        Set<String> flagged = unsealable.ids();
        // flagged records last: a record that keeps failing never delays the others
        List<HistoricProcessInstance> ordered = new ArrayList<>(finished.stream().filter(i -> !flagged.contains(i.getId())).toList());
        ordered.addAll(finished.stream().filter(i -> flagged.contains(i.getId())).toList());
        int sealed = 0;
        AuditChain.Link last = null;
        for (HistoricProcessInstance instance : ordered) {
            String id = instance.getId();
            if (chain.isSealed(id)) {
                continue;
            }
            try {
                AuditChain.Link link = chain.seal(records.build(id));
                if (link != null) {
                    sealed++;
                    last = link;
                }
                if (flagged.contains(id)) {
                    unsealable.clear(id);
                    LOG.info("Sealed the audit record of {}, flagged before", id);
                }
            } catch (RuntimeException e) {
                flag(id, e);
            }
        }
        if (sealed > 0) {
            LOG.info("Sealed {} finished migration(s) into the audit chain", sealed);
            anchor.logHead(last.seq(), last.hash());
        }
        return sealed;
    }

    private void flag(String id, RuntimeException e) {
        try {
            if (unsealable.flag(id, e)) {
                LOG.warn("Cannot seal the audit record of {} ({}): flagged, the others are sealed", id, UnsealableRecords.describe(e));
            } else {
                LOG.debug("Still cannot seal the audit record of {}", id, e);
            }
        } catch (RuntimeException flagging) {
            LOG.error("Cannot seal the audit record of {} nor flag it", id, flagging);
        }
    }
}
