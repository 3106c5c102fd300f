package com.slm.process;

import com.slm.audit.AuditAnchor;
import com.slm.audit.AuditChain;
import com.slm.audit.AuditRecordBuilder;
import com.slm.audit.AuditSealer;
import com.slm.audit.AuditVerifier;
import com.slm.audit.UnsealableRecords;
import com.slm.cluster.LeaseLostException;
import com.slm.cluster.NodeLeases;
import com.slm.process.fixtures.AtOnce;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit sealers of several nodes on one database (H2 here, PostgreSQL in the build's postgres run), each with its
 * own key and journal objects on one shared anchor folder, as docs/audit.md asks of a cluster: one node seals at a
 * time and each record once, into one journal whose lines never interleave; a lease left by a node that died is taken
 * over once it expires, and a node paused past its lease writes nothing more; of two nodes with different anchor
 * folders, only one keeps signing and the other says why.
 */
@ExtendWith(OutputCaptureExtension.class)
class AuditSealerClusterProcessTest extends ClusterProcessTestSupport {
    private static final String LEASE = "audit-sealer";

    @Autowired
    AuditRecordBuilder records;
    @Autowired
    UnsealableRecords unsealable;

    /** The cluster's anchor folder (a fresh one per test: its journal starts at the chain's head then). */
    Path shared;

    @BeforeEach
    void sharedAnchorFolder() throws Exception {
        shared = Files.createDirectories(Path.of("target/audit-anchor")).resolve("cluster-" + System.nanoTime());
        forget(LEASE);
    }

    @AfterEach
    void noLeaseLeft() {
        forget(LEASE);
    }

    @Test
    void twoNodesSealOneAtATimeEachRecordOnceIntoOneJournal() throws Exception {
        AtomicInteger building = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AuditRecordBuilder slowly = new AuditRecordBuilder(history) {
            @Override
            public Map<String, Object> build(String processInstanceId) {
                // a record is built only inside a run that holds the lease: two at once would be two runs at once
                mostAtOnce.accumulateAndGet(building.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(20);
                    return super.build(processInstanceId);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                } finally {
                    building.decrementAndGet();
                }
            }
        };
        AuditSealer one = sealer("node-1", slowly, shared);
        AuditSealer two = sealer("node-2", slowly, shared);
        long rowsBefore = rows();
        int sealed = 0;
        List<String> ours = new ArrayList<>();
        for (int round = 1; round <= 4; round++) {
            for (String vm : List.of("db", "app", "web")) {
                ours.add(rejected(vm));
            }
            List<Integer> counts = AtOnce.run(one::sealFinished, two::sealFinished);
            sealed += counts.get(0) + counts.get(1);
            assertThat(ours).as("round %d: every finished migration sealed", round).allMatch(this::sealedOnce);
        }
        assertThat(mostAtOnce.get()).as("one node sealed at a time").isEqualTo(1);
        assertThat(rows() - rowsBefore).as("each record sealed once, by one node").isEqualTo(sealed);
        assertOneJournalOfConsecutiveSignedLines();
        AuditVerifier.Report report = verifier(shared).verify();
        assertThat(report.valid()).as(report.toString()).isTrue();
        assertThat(report.unsealable()).isEmpty();
    }

    @Test
    void aLeaseLeftByANodeThatDiedIsTakenOverOnceItExpires() {
        String db = rejected("db");
        NodeLeases dead = leasesOf("node-3");
        assertThat(dead.take(LEASE, MINUTE)).as("node 3 started sealing, and died").isTrue();
        AuditSealer one = sealer("node-1", records, shared);

        assertThat(one.sealFinished()).isZero();
        assertThat(sealedOnce(db)).isFalse();

        expire(LEASE);
        assertThat(one.sealFinished()).isPositive();
        assertThat(sealedOnce(db)).isTrue();
        assertThatThrownBy(() -> dead.keep(LEASE, MINUTE)).isInstanceOf(LeaseLostException.class);
        assertOneJournalOfConsecutiveSignedLines();
    }

    @Test
    void aNodePausedPastItsLeaseWritesNothingMore(CapturedOutput output) throws Exception {
        String db = rejected("db");
        String app = rejected("app");
        NodeLeases leasesOfTwo = leasesOf("node-2");
        AuditRecordBuilder pausing = new AuditRecordBuilder(history) {
            @Override
            public Map<String, Object> build(String processInstanceId) {
                // node 1 stalls (a long GC pause, a frozen VM) past its lease, and node 2 takes it meanwhile
                expire(LEASE);
                assertThat(leasesOfTwo.take(LEASE, MINUTE)).isTrue();
                return super.build(processInstanceId);
            }
        };
        AuditSealer one = sealer("node-1", pausing, shared);
        one.anchorExistingChain(); // the cluster's journal starts at the head, as at a first start
        long lines = journalLines();

        assertThat(one.sealFinished()).isZero();
        assertThat(journalLines()).as("node 1 wrote no line after its lease went").isEqualTo(lines);
        assertThat(sealedOnce(db) || sealedOnce(app)).isFalse();
        assertThat(unsealable.ids()).as("nothing is flagged for it").doesNotContain(db, app);
        assertThat(output.getAll()).contains("Audit sealing stopped after 0 record(s): node node-1 no longer holds the lease "
                + LEASE + " (held by node-2)");

        assertThat(sealer("node-2", records, shared).sealFinished()).isPositive();
        assertThat(sealedOnce(db) && sealedOnce(app)).isTrue();
        assertOneJournalOfConsecutiveSignedLines();
        assertThat(verifier(shared).verify().valid()).isTrue();
    }

    @Test
    void ofTwoNodesWithDifferentAnchorFoldersOnlyOneKeepsSigningAndTheOtherSaysWhy(CapturedOutput output) throws Exception {
        AuditSealer one = sealer("node-1", records, shared);
        rejected("db");
        one.sealFinished();
        Path elsewhere = shared.resolveSibling(shared.getFileName() + "-elsewhere");
        AuditSealer misconfigured = sealer("node-2", records, elsewhere);
        String app = rejected("app");
        assertThat(misconfigured.sealFinished()).as("its journal starts at the head it finds, then signs on").isPositive();
        assertThat(sealedOnce(app)).isTrue();

        String web = rejected("web");
        assertThat(one.sealFinished()).as("the cluster's journal lacks the record signed elsewhere").isZero();
        assertThat(sealedOnce(web)).isFalse();
        assertThat(output.getAll()).contains("ends at seq", "every node of a cluster must use one anchor folder");
        assertThat(verifier(shared).verify().valid()).as("and verify reports it").isFalse();
    }

    private AuditSealer sealer(String node, AuditRecordBuilder builder, Path anchorFolder) {
        AuditAnchor anchor = new AuditAnchor(anchorFolder);
        return new AuditSealer(history, builder, new AuditChain(jdbc, anchor), anchor, unsealable,
                leasesOf(node));
    }

    private AuditVerifier verifier(Path anchorFolder) {
        AuditAnchor anchor = new AuditAnchor(anchorFolder);
        return new AuditVerifier(history, new AuditChain(jdbc, anchor), anchor, unsealable, Duration.ofHours(1));
    }

    /** Every line signed, its seq one more than the line before's, the last one the chain's head: no line twice, none torn. */
    private void assertOneJournalOfConsecutiveSignedLines() {
        List<AuditAnchor.Checkpoint> lines = new AuditAnchor(shared).checkpoints();
        assertThat(lines).isNotEmpty().allMatch(AuditAnchor.Checkpoint::signed);
        for (int i = 1; i < lines.size(); i++) {
            assertThat(lines.get(i).seq()).as("line %d", i + 1).isEqualTo(lines.get(i - 1).seq() + 1);
        }
        Long head = jdbc.queryForObject("SELECT MAX(seq) FROM slm_audit_seal", Long.class);
        assertThat(lines.get(lines.size() - 1).seq()).isEqualTo(head);
    }

    private long journalLines() {
        return new AuditAnchor(shared).checkpoints().size();
    }

    private boolean sealedOnce(String processInstanceId) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM slm_audit_seal WHERE process_instance_id = ?", Integer.class,
                processInstanceId);
        return n != null && n == 1;
    }

    private long rows() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM slm_audit_seal", Long.class);
        return n == null ? 0 : n;
    }

    /** A migration that ends at once: started, pre-checked and rejected. */
    private String rejected(String vm) {
        var instance = startAs("operator", request(vm));
        runDueJobs(instance);
        decideAs("approver", instance, "reject");
        return instance.getId();
    }
}
