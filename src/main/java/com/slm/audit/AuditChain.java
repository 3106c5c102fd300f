package com.slm.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The tamper-evident store of finished migrations: each sealed record's hash covers the record and the hash
 * before it, so changing any stored record, or removing one, breaks every hash after it. Verification names the
 * first record whose hash no longer matches.
 */
public class AuditChain {
    static final String GENESIS = "0".repeat(64);
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final JdbcTemplate jdbc;

    public AuditChain(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The outcome of a verification: whether the chain holds, how many records, and the first broken one. */
    public record Verification(boolean valid, long records, Long firstBrokenSeq, String firstBrokenProcessInstanceId, String reason) {
    }

    public boolean isSealed(String processInstanceId) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM slm_audit_seal WHERE process_instance_id = ?", Integer.class, processInstanceId);
        return n != null && n > 0;
    }

    /** Appends one record at the end of the chain (one sealer at a time: the caller is synchronized). */
    @Transactional
    public void seal(Map<String, Object> record) {
        String id = (String) record.get("processInstanceId");
        if (isSealed(id)) {
            return;
        }
        List<Map<String, Object>> last = jdbc.queryForList("SELECT seq, hash FROM slm_audit_seal ORDER BY seq DESC LIMIT 1");
        long seq = last.isEmpty() ? 1 : ((Number) last.get(0).get("seq")).longValue() + 1;
        String prev = last.isEmpty() ? GENESIS : ((String) last.get(0).get("hash")).trim();
        String canonical = canonical(record);
        @SuppressWarnings("unchecked")
        Map<String, Object> variables = (Map<String, Object>) record.get("variables");
        jdbc.update("INSERT INTO slm_audit_seal (seq, process_instance_id, vm_name, source_environment, target_environment, "
                        + "outcome, started_at, ended_at, sealed_at, record, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                seq, id, variables.get("vmName"), variables.get("sourceEnvironment"), variables.get("targetEnvironment"),
                record.get("outcome"), timestamp(record.get("started")), timestamp(record.get("ended")),
                Timestamp.from(Instant.now()), canonical, prev, hash(prev, canonical));
    }

    public Verification verify() {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT seq, process_instance_id, record, prev_hash, hash FROM slm_audit_seal ORDER BY seq");
        String expectedPrev = GENESIS;
        long expectedSeq = 1;
        for (Map<String, Object> row : rows) {
            long seq = ((Number) row.get("seq")).longValue();
            String id = (String) row.get("process_instance_id");
            String prev = ((String) row.get("prev_hash")).trim();
            String hash = ((String) row.get("hash")).trim();
            if (seq != expectedSeq) {
                return new Verification(false, rows.size(), seq, id, "record " + expectedSeq + " is missing");
            }
            if (!prev.equals(expectedPrev)) {
                return new Verification(false, rows.size(), seq, id, "its link to the record before does not match");
            }
            if (!hash(prev, (String) row.get("record")).equals(hash)) {
                return new Verification(false, rows.size(), seq, id, "its content does not match its hash");
            }
            expectedPrev = hash;
            expectedSeq++;
        }
        return new Verification(true, rows.size(), null, null, null);
    }

    public List<Map<String, Object>> sealed(String processInstanceId) {
        return jdbc.queryForList("SELECT seq, sealed_at, hash, record FROM slm_audit_seal WHERE process_instance_id = ?", processInstanceId);
    }

    static String canonical(Map<String, Object> record) {
        try {
            return CANONICAL.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the audit record", e);
        }
    }

    static String hash(String prev, String record) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(prev.getBytes(StandardCharsets.US_ASCII));
            sha.update(record.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Timestamp timestamp(Object iso) {
        return iso == null ? null : Timestamp.from(Instant.parse(iso.toString()));
    }
}
