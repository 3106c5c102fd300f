package com.slm.adapter.strongswan;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The CHILD_SAs the product keeps up, in the product's database ({@code slm_ipsec_child}): written when a policy is
 * installed, deleted when it is removed, read by the {@link SaWatchdog}. Survives restarts of charon and of the
 * product alike. A change is committed at once, not with the step that makes it: when the step gives up its
 * connection's lease, the watchdogs of the other nodes must already see what it keeps (and no longer keeps), and a
 * CHILD_SA being installed is kept whatever becomes of the step.
 */
class KeptChildren {
    record Child(String conn, String child, String secureEnvironment, String targetEnvironment,
                 List<String> secureTs, List<String> targetTs) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate own;

    KeptChildren(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    void keep(Child c) {
        own.executeWithoutResult(status -> upsert(c));
    }

    private void upsert(Child c) {
        int updated = jdbc.update("UPDATE slm_ipsec_child SET secure_environment = ?, target_environment = ?, secure_ts = ?, "
                        + "target_ts = ?, updated_at = ? WHERE conn = ? AND child = ?", c.secureEnvironment(), c.targetEnvironment(),
                String.join(",", c.secureTs()), String.join(",", c.targetTs()), Timestamp.from(Instant.now()), c.conn(), c.child());
        if (updated == 0) {
            jdbc.update("INSERT INTO slm_ipsec_child (conn, child, secure_environment, target_environment, secure_ts, target_ts, "
                            + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", c.conn(), c.child(), c.secureEnvironment(),
                    c.targetEnvironment(), String.join(",", c.secureTs()), String.join(",", c.targetTs()), Timestamp.from(Instant.now()));
        }
    }

    void forget(String conn, String child) {
        own.executeWithoutResult(status -> jdbc.update("DELETE FROM slm_ipsec_child WHERE conn = ? AND child = ?", conn, child));
    }

    List<Child> all() {
        return jdbc.query("SELECT conn, child, secure_environment, target_environment, secure_ts, target_ts FROM slm_ipsec_child "
                + "ORDER BY conn, child", (rs, i) -> new Child(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), split(rs.getString(5)), split(rs.getString(6))));
    }

    private static List<String> split(String list) {
        return list == null || list.isBlank() ? List.of() : Arrays.asList(list.split(","));
    }
}
