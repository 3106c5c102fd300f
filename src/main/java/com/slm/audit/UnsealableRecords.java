package com.slm.audit;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finished migrations whose record could not be sealed (table {@code slm_audit_unsealable}, Flyway V3): flagged so
 * that one bad record never holds up the others, reported by verify, tried again after the others on each run.
 * Written outside the failed seal's transaction (that one is rolled back).
 */
public class UnsealableRecords {
    private static final int MAX_ERROR = 1000;

    private final JdbcTemplate jdbc;

    public UnsealableRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Flags the record, or counts one more attempt; returns true when it is newly flagged. */
    public boolean flag(String processInstanceId, Throwable failure) {
        Timestamp now = Timestamp.from(Instant.now());
        String error = IndexedColumn.fit(describe(failure), MAX_ERROR);
        int updated = jdbc.update("UPDATE slm_audit_unsealable SET last_failed_at = ?, attempts = attempts + 1, error = ? "
                + "WHERE process_instance_id = ?", now, error, processInstanceId);
        if (updated == 0) {
            jdbc.update("INSERT INTO slm_audit_unsealable (process_instance_id, first_failed_at, last_failed_at, attempts, error) "
                    + "VALUES (?,?,?,1,?)", processInstanceId, now, now, error);
            return true;
        }
        return false;
    }

    public void clear(String processInstanceId) {
        jdbc.update("DELETE FROM slm_audit_unsealable WHERE process_instance_id = ?", processInstanceId);
    }

    public Set<String> ids() {
        return new TreeSet<>(jdbc.queryForList("SELECT process_instance_id FROM slm_audit_unsealable", String.class));
    }

    /** Every flagged record: processInstanceId, firstFailedAt, lastFailedAt, attempts, error. */
    public List<Map<String, Object>> list() {
        return jdbc.query("SELECT process_instance_id, first_failed_at, last_failed_at, attempts, error "
                + "FROM slm_audit_unsealable ORDER BY first_failed_at, process_instance_id", (rs, n) -> Map.of(
                "processInstanceId", rs.getString(1),
                "firstFailedAt", rs.getTimestamp(2).toInstant().toString(),
                "lastFailedAt", rs.getTimestamp(3).toInstant().toString(),
                "attempts", rs.getInt(4),
                "error", rs.getString(5) == null ? "" : rs.getString(5)));
    }

    /** The failure's type and message (and its root cause's): what went wrong, without a stack trace. */
    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return root == failure ? text : text + " (cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
