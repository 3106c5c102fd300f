package com.slm.process;

import com.slm.cluster.NodeLeases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Duration;

/** Several nodes of the product on the test's one database: their leases, and time passing for a lease. */
abstract class ClusterProcessTestSupport extends ProcessTestSupport {
    static final Duration MINUTE = Duration.ofMinutes(1);

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    /** The leases of a node with this id. */
    NodeLeases leasesOf(String nodeId) {
        return new NodeLeases(jdbc, transactions, nodeId);
    }

    /** The lease's time is up (as if its holder had died a while ago). */
    void expire(String lease) {
        jdbc.update("UPDATE slm_node_lease SET expires_at = CURRENT_TIMESTAMP - INTERVAL '1' SECOND WHERE name = ?", lease);
    }

    /** Removes the lease's row (the database may be shared with other test classes, on PostgreSQL). */
    void forget(String lease) {
        jdbc.update("DELETE FROM slm_node_lease WHERE name = ?", lease);
    }
}
