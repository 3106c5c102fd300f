package com.slm.audit;

import com.slm.cluster.LeaseLostException;
import com.slm.cluster.NodeLeases;
import com.slm.domain.ProcessVariables;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Seals every finished migration that is not sealed yet, oldest end first, every few seconds. Polling the
 * history (rather than a listener inside the engine's transaction) keeps sealing out of the migration's own
 * transaction and catches up after a restart. A record that fails is flagged ({@link UnsealableRecords}) and
 * the others are sealed all the same; flagged records are tried again after the others on each run.
 * <p>
 * Of several nodes on one database, one seals at a time: a run needs the lease {@value #LEASE} ({@link NodeLeases}),
 * and each record is sealed in a transaction that renews it first, so that its row stays locked until the record is
 * committed: no other node can take the lease while this one writes the journal, and a node whose lease has gone to
 * another (it was paused longer than the lease) writes nothing more. All nodes share one anchor folder, so the
 * cluster has one journal (docs/audit.md); a node whose journal does not reach the chain's head (it is not the
 * cluster's) seals nothing.
 */
public class AuditSealer {
    private static final Logger LOG = LoggerFactory.getLogger(AuditSealer.class);
    static final String LEASE = "audit-sealer";
    /**
     * How long a node holds the sealer's lease. Each record sealed renews it, so it only has to cover a run's longest
     * stretch without a seal: from the take to the first new record (the query of the finished migrations and the
     * check of those already sealed), typically well under a second. A node that dies holding it delays the
     * sealing by at most this (verify may list the migrations that ended meanwhile as unsealed until then).
     */
    static final Duration LEASE_LENGTH = Duration.ofSeconds(60);

    /** This run stops: the lease is gone, or the journal is not the cluster's. */
    private static final class StopSealing extends RuntimeException {
        StopSealing(String message) {
            super(message);
        }
    }

    private final HistoryService history;
    private final AuditRecordBuilder records;
    private final AuditChain chain;
    private final AuditAnchor anchor;
    private final UnsealableRecords unsealable;
    private final NodeLeases leases;

    public AuditSealer(HistoryService history, AuditRecordBuilder records, AuditChain chain, AuditAnchor anchor,
                       UnsealableRecords unsealable, NodeLeases leases) {
        this.history = history;
        this.records = records;
        this.chain = chain;
        this.anchor = anchor;
        this.unsealable = unsealable;
        this.leases = leases;
    }

    /**
     * At start, a chain that was sealed before the anchor existed (an upgrade, or a new anchor folder) gets one
     * signed checkpoint of its current head: from then on, anything that changes it is seen. Logged as a warning,
     * since the chain is trusted as it is at that moment. Under the sealer's lease, like every run (which does the
     * same first): when another node holds it, that node's run does it.
     */
    public synchronized void anchorExistingChain() {
        underLease(() -> 0);
    }

    @Scheduled(fixedDelayString = "${slm.audit.seal-interval:PT10S}", initialDelayString = "${slm.audit.seal-interval:PT10S}")
    public synchronized int sealFinished() {
        return underLease(this::sealUnderLease);
    }

    /** Runs this if this node gets the sealer's lease (0 when another node holds it), then gives the lease up. */
    private int underLease(IntSupplier run) {
        if (!leases.take(LEASE, LEASE_LENGTH)) {
            LOG.debug("Audit sealing left to node {}, which holds the sealer's lease", leases.holder(LEASE).orElse("?"));
            return 0;
        }
        try {
            leases.whileHeld(LEASE, LEASE_LENGTH, this::anchorUnanchoredChain);
            return run.getAsInt();
        } catch (LeaseLostException e) {
            LOG.warn("Audit sealing stopped: {}", e.getMessage());
            return 0;
        } finally {
            leases.release(LEASE);
        }
    }

    private Void anchorUnanchoredChain() {
        AuditChain.Link head = chain.head();
        if (head != null && !anchor.journalExists()) {
            anchor.checkpoint(head.seq(), head.hash());
            LOG.warn("Audit anchor journal started at the existing chain head (seq {}, hash {}): records sealed before "
                    + "now are trusted as they stand", head.seq(), head.hash());
        }
        return null;
    }

    private int sealUnderLease() {
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
                Map<String, Object> record = records.build(id);
                AuditChain.Link link = leases.whileHeld(LEASE, LEASE_LENGTH, () -> sealOnTheJournalsHead(record));
                if (link != null) {
                    sealed++;
                    last = link;
                }
                if (flagged.contains(id)) {
                    unsealable.clear(id);
                    LOG.info("Sealed the audit record of {}, flagged before", id);
                }
            } catch (LeaseLostException e) {
                LOG.warn("Audit sealing stopped after {} record(s): {}", sealed, e.getMessage());
                break;
            } catch (StopSealing e) {
                LOG.error("Audit sealing stopped after {} record(s): {}", sealed, e.getMessage());
                break;
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

    /**
     * Seals one record, in the transaction that holds the lease, onto a chain whose head this node's journal has
     * signed: a journal that ends before the head misses records that another journal signed, and extending the
     * chain from it would sign what it never saw.
     */
    private AuditChain.Link sealOnTheJournalsHead(Map<String, Object> record) {
        AuditChain.Link head = chain.head();
        long signed = anchor.lastSignedSeq();
        if (head != null && signed < head.seq()) {
            throw new StopSealing("the audit anchor journal in " + anchor.directory() + " ends at seq " + signed
                    + " but the chain's head is seq " + head.seq() + ": those records were signed into another journal (every "
                    + "node of a cluster must use one anchor folder, slm.audit.anchor-dir, on shared storage) or the journal "
                    + "lost its end (docs/audit.md)");
        }
        return chain.seal(record);
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
