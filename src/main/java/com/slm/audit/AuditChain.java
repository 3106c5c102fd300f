package com.slm.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
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
    private final AuditAnchor anchor;

    public AuditChain(JdbcTemplate jdbc, AuditAnchor anchor) {
        this.jdbc = jdbc;
        this.anchor = anchor;
    }

    /** The outcome of a verification: whether the chain holds, how many records, and the first broken one. */
    public record Verification(boolean valid, long records, Long firstBrokenSeq, String firstBrokenProcessInstanceId, String reason) {
    }

    /** A sealed record's place in the chain. */
    public record Link(long seq, String processInstanceId, String hash) {
    }

    public boolean isSealed(String processInstanceId) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM slm_audit_seal WHERE process_instance_id = ?", Integer.class, processInstanceId);
        return n != null && n > 0;
    }

    /**
     * Appends one record at the end of the chain (one sealer at a time: the caller is synchronized) and returns its
     * link, or null when it was sealed already.
     */
    @Transactional
    public Link seal(Map<String, Object> record) {
        String id = (String) record.get("processInstanceId");
        if (isSealed(id)) {
            return null;
        }
        List<Map<String, Object>> last = jdbc.queryForList("SELECT seq, hash FROM slm_audit_seal ORDER BY seq DESC LIMIT 1");
        long seq = last.isEmpty() ? 1 : ((Number) last.get(0).get("seq")).longValue() + 1;
        String prev = last.isEmpty() ? GENESIS : ((String) last.get(0).get("hash")).trim();
        String canonical = canonical(record);
        @SuppressWarnings("unchecked")
        Map<String, Object> variables = (Map<String, Object>) record.get("variables");
        RequestFields request = RequestFields.of(variables == null ? Map.of() : variables);
        String hash = hash(prev, canonical);
        // the indexed columns are a convenience for queries: cut to fit, so that no value can fail the insert
        // (the full values stay in the hashed record)
        jdbc.update("INSERT INTO slm_audit_seal (seq, process_instance_id, vm_name, source_environment, target_environment, "
                        + "outcome, started_at, ended_at, sealed_at, record, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                seq, id, IndexedColumn.fit(request.vmName(), 64), IndexedColumn.fit(request.sourceEnvironment(), 64),
                IndexedColumn.fit(request.targetEnvironment(), 64), IndexedColumn.fit(record.get("outcome"), 32),
                timestamp(record.get("started")), timestamp(record.get("ended")), Timestamp.from(Instant.now()),
                canonical, prev, hash);
        // signed into the journal before the commit: if the journal cannot be written, the record is not sealed
        // (and is flagged, then tried again); if the commit fails after it, the retry seals the same record at the
        // same seq with the same hash, so the journal and the table agree again
        anchor.checkpoint(seq, hash);
        return new Link(seq, id, hash);
    }

    /** The last link, or null for an empty chain. */
    public Link head() {
        List<Link> last = jdbc.query("SELECT seq, process_instance_id, hash FROM slm_audit_seal ORDER BY seq DESC LIMIT 1", LINK);
        return last.isEmpty() ? null : last.get(0);
    }

    /** Every link in seq order (for the comparison with the signed checkpoints). */
    public List<Link> links() {
        return jdbc.query("SELECT seq, process_instance_id, hash FROM slm_audit_seal ORDER BY seq", LINK);
    }

    private static final RowMapper<Link> LINK = (rs, n) ->
            new Link(rs.getLong("seq"), rs.getString("process_instance_id"), rs.getString("hash").trim());

    public Verification verify() {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT seq, process_instance_id, record, prev_hash, hash FROM slm_audit_seal ORDER BY seq");
        String expectedPrev = GENESIS;
        long expectedSeq = 1;
        for (Map<String, Object> row : rows) {
            // (a missing record is named by its own seq: the first one that is not where it should be)
            long seq = ((Number) row.get("seq")).longValue();
            String id = (String) row.get("process_instance_id");
            String prev = ((String) row.get("prev_hash")).trim();
            String hash = ((String) row.get("hash")).trim();
            if (seq != expectedSeq) {
                return new Verification(false, rows.size(), expectedSeq, null, "record " + expectedSeq
                        + " is missing (deleted): the chain jumps from " + (expectedSeq - 1) + " to " + seq);
            }
            if (!prev.equals(expectedPrev)) {
                return new Verification(false, rows.size(), seq, id, "record " + seq + ": its link to the record before does not match");
            }
            if (!hash(prev, (String) row.get("record")).equals(hash)) {
                return new Verification(false, rows.size(), seq, id, "record " + seq + ": its content does not match its hash (changed)");
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
