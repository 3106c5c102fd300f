package com.slm.process;

import com.slm.audit.AuditAnchor;
import com.slm.audit.AuditChain;
import com.slm.audit.AuditRecordBuilder;
import com.slm.audit.AuditSealer;
import com.slm.audit.AuditVerifier;
import com.slm.audit.UnsealableRecords;
import com.slm.cluster.NodeLeases;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static com.slm.domain.ProcessVariables.MIGRATION_REQUEST;
import static com.slm.domain.ProcessVariables.REQUEST_DIGEST;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seal chain against someone who can write the database: each tampering, done with plain SQL on the table,
 * makes verify invalid and names the first broken record. Also: one record that cannot be sealed stops nothing,
 * and an over-long VM name is sealed in full.
 */
class AuditAnchorProcessTest extends ProcessTestSupport {
    private static final String COLUMNS = "seq, process_instance_id, vm_name, source_environment, target_environment, "
            + "outcome, started_at, ended_at, sealed_at, record, prev_hash, hash";

    @Autowired
    AuditSealer sealer;
    @Autowired
    AuditChain chain;
    @Autowired
    AuditAnchor anchor;
    @Autowired
    AuditVerifier verifier;
    @Autowired
    UnsealableRecords unsealable;
    @Autowired
    AuditRecordBuilder records;
    @Autowired
    NodeLeases leases;
    @Autowired
    JdbcTemplate jdbc;

    List<Map<String, Object>> snapshot;
    long head;

    @BeforeEach
    void threeSealedMigrations() {
        for (String vm : List.of("db", "app", "web")) {
            rejected(vm);
        }
        sealer.sealFinished();
        assertThat(verifier.verify().valid()).as(verifier.verify().toString()).isTrue();
        snapshot = jdbc.queryForList("SELECT " + COLUMNS + " FROM slm_audit_seal ORDER BY seq");
        head = ((Number) snapshot.get(snapshot.size() - 1).get("seq")).longValue();
        assertThat(head).isGreaterThanOrEqualTo(3);
    }

    /** Puts the table back as it was sealed (the database may be shared with other tests, on PostgreSQL). */
    @AfterEach
    void restoreTable() {
        jdbc.update("DELETE FROM slm_audit_seal");
        for (Map<String, Object> row : snapshot) {
            jdbc.update("INSERT INTO slm_audit_seal (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", row.get("seq"),
                    row.get("process_instance_id"), row.get("vm_name"), row.get("source_environment"),
                    row.get("target_environment"), row.get("outcome"), row.get("started_at"), row.get("ended_at"),
                    row.get("sealed_at"), row.get("record"), row.get("prev_hash"), row.get("hash"));
        }
        assertThat(verifier.verify().valid()).isTrue();
    }

    @Test
    void theKeyIsOwnerOnlyAndEverySealIsSigned() throws Exception {
        var key = anchor.directory().resolve("anchor-ed25519.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        List<AuditAnchor.Checkpoint> checkpoints = anchor.checkpoints();
        assertThat(checkpoints).allMatch(AuditAnchor.Checkpoint::signed);
        assertThat(checkpoints.get(checkpoints.size() - 1).seq()).isEqualTo(head);
        assertThat(checkpoints.get(checkpoints.size() - 1).hash()).isEqualTo(chain.head().hash());
        assertThat(verifier.verify().anchor()).containsEntry("seq", head);
    }

    @Test
    void aChangedRecordIsReported() {
        long seq = head - 1;
        jdbc.update("UPDATE slm_audit_seal SET record = REPLACE(record, '\"REJECTED\"', '\"COMPLETED\"') WHERE seq = ?", seq);
        assertBroken(seq, "record " + seq, "changed");
    }

    @Test
    void aDeletedMiddleRecordIsReported() {
        long seq = head - 1;
        jdbc.update("DELETE FROM slm_audit_seal WHERE seq = ?", seq);
        assertBroken(seq, "record " + seq + " is missing", "deleted");
    }

    @Test
    void aDeletedTailIsReported() {
        jdbc.update("DELETE FROM slm_audit_seal WHERE seq >= ?", head - 1);
        // the table alone looks fine: a shorter, consistent chain
        assertThat(chain.verify().valid()).isTrue();
        assertBroken(head - 1, "records " + (head - 1) + " to " + head + " are missing", "newest records were deleted");
    }

    @Test
    void aReChainedTableIsReported() throws Exception {
        long from = head - 2;
        // what an attacker with write access to the table would do: change a record, then recompute every hash after it
        String prev = jdbc.queryForObject("SELECT prev_hash FROM slm_audit_seal WHERE seq = ?", String.class, from).trim();
        for (long seq = from; seq <= head; seq++) {
            String record = jdbc.queryForObject("SELECT record FROM slm_audit_seal WHERE seq = ?", String.class, seq);
            if (seq == from) {
                record = record.replace("\"REJECTED\"", "\"COMPLETED\"");
            }
            String hash = sha256(prev + record);
            jdbc.update("UPDATE slm_audit_seal SET record = ?, prev_hash = ?, hash = ? WHERE seq = ?", record, prev, hash, seq);
            prev = hash;
        }
        assertThat(chain.verify().valid()).as("the table alone recomputes").isTrue();
        assertBroken(from, "record " + from, "re-chained");
    }

    @Test
    void oneRecordThatCannotBeSealedStopsNothingAndIsReported() {
        String broken = rejected("db").getId();
        String longName = rejected("web").getId();
        String fromJson = rejected("app").getId();
        String name65 = "v".repeat(65);
        // past the request validation (as if written straight into the engine's history): a 65-character name,
        // and a record that cannot be stored (a crafted, unreadable start time), first in line
        AuditRecordBuilder crafted = new AuditRecordBuilder(history) {
            @Override
            @SuppressWarnings("unchecked")
            public Map<String, Object> build(String processInstanceId) {
                Map<String, Object> record = new HashMap<>(super.build(processInstanceId));
                if (processInstanceId.equals(broken)) {
                    record.put("started", "not a time");
                }
                if (processInstanceId.equals(longName)) {
                    Map<String, Object> variables = new java.util.TreeMap<>((Map<String, Object>) record.get("variables"));
                    variables.put(MIGRATION_REQUEST, variables.get(MIGRATION_REQUEST).toString()
                            .replace("\"vmName\":\"web\"", "\"vmName\":\"" + name65 + "\""));
                    record.put("variables", variables);
                }
                return record;
            }
        };
        AuditSealer withABadRecord = new AuditSealer(history, crafted, chain, anchor, unsealable, leases);

        assertThat(withABadRecord.sealFinished()).isEqualTo(2);
        assertThat(chain.isSealed(broken)).isFalse();
        assertThat(chain.isSealed(longName)).isTrue();
        assertThat(chain.isSealed(fromJson)).isTrue();
        assertThat(jdbc.queryForObject("SELECT vm_name FROM slm_audit_seal WHERE process_instance_id = ?", String.class, longName))
                .hasSize(64);
        assertThat(jdbc.queryForObject("SELECT record FROM slm_audit_seal WHERE process_instance_id = ?", String.class, longName))
                .contains(name65);
        AuditVerifier.Report report = verifier.verify();
        assertThat(report.valid()).isTrue();
        assertThat(report.complete()).isFalse();
        assertThat(report.unsealable()).singleElement().satisfies(f -> {
            assertThat(f).containsEntry("processInstanceId", broken);
            assertThat((String) f.get("error")).isNotBlank();
        });

        // tried again on the next run, after the others
        assertThat(withABadRecord.sealFinished()).isZero();
        assertThat(verifier.verify().unsealable()).singleElement().satisfies(f -> assertThat(f).containsEntry("attempts", 2));
        assertThat(sealer.sealFinished()).isEqualTo(1);
        assertThat(chain.isSealed(broken)).isTrue();
        assertThat(verifier.verify().unsealable()).isEmpty();
        snapshot = jdbc.queryForList("SELECT " + COLUMNS + " FROM slm_audit_seal ORDER BY seq");
    }

    @Test
    void theRequestAsOneJsonVariableFeedsColumnsFiltersAndRecord() {
        ProcessInstance web = startAs("operator", request("web"));
        runDueJobs(web);
        decideAs("approver", web, "reject");
        sealer.sealFinished();
        Map<String, Object> row = jdbc.queryForMap("SELECT vm_name, source_environment, target_environment FROM slm_audit_seal "
                + "WHERE process_instance_id = ?", web.getId());
        assertThat(row.values()).containsExactly("web", "secure", "remote");
        Map<String, Object> record = records.build(web.getId());
        @SuppressWarnings("unchecked")
        Map<String, Object> recorded = (Map<String, Object>) record.get("variables");
        assertThat(recorded.get(MIGRATION_REQUEST).toString()).contains("\"vmName\":\"web\"", "\"requestedBy\":\"operator\"");
        assertThat(recorded.get(REQUEST_DIGEST).toString()).hasSize(64);
        assertThat(record).containsEntry("requestedBy", "operator");
        snapshot = jdbc.queryForList("SELECT " + COLUMNS + " FROM slm_audit_seal ORDER BY seq");
    }

    @Test
    void aFinishedMigrationLeftUnsealedIsPendingThenReported() {
        String ended = rejected("db").getId();
        AuditVerifier.Report now = verifier.verify();
        assertThat(now.pending()).isGreaterThanOrEqualTo(1);
        assertThat(now.unsealed()).doesNotContain(ended);
        advanceClock(3 * 3600); // past two seal intervals (PT1H in tests)
        AuditVerifier.Report later = verifier.verify();
        assertThat(later.unsealed()).contains(ended);
        assertThat(later.complete()).isFalse();
        assertThat(later.valid()).isTrue();
        sealer.sealFinished();
        assertThat(verifier.verify().unsealed()).doesNotContain(ended);
        snapshot = jdbc.queryForList("SELECT " + COLUMNS + " FROM slm_audit_seal ORDER BY seq");
    }

    private void assertBroken(long seq, String... reasonParts) {
        AuditVerifier.Report report = verifier.verify();
        assertThat(report.valid()).as(report.toString()).isFalse();
        assertThat(report.firstBrokenSeq()).as(report.toString()).isEqualTo(seq);
        assertThat(report.reason()).contains(reasonParts);
    }

    private ProcessInstance rejected(String vm) {
        ProcessInstance instance = startAs("operator", request(vm));
        runDueJobs(instance);
        decideAs("approver", instance, "reject");
        return instance;
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
