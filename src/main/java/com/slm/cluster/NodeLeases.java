package com.slm.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Leases in the product table {@code slm_node_lease} (Flyway V6), for work of the product's own that several nodes
 * sharing one database must not do at once and that is no engine job: the IPsec adapter's repair of a connection,
 * the audit sealer. A lease is held by this node's id ({@code slm.node.id}) until it expires; every time is the
 * database's clock. Taking, renewing and releasing each commit at once, in a transaction of their own, also when
 * the caller runs inside the engine's. {@link #whileHeld} instead renews inside the transaction of the work it
 * runs, which locks the lease's row until that work commits: a node whose lease ran out can then no longer write,
 * and no other node can take the lease while it does (fencing, for writes outside the database).
 * <p>
 * A database that cannot be reached makes these methods throw ({@link DataAccessException}): no lease is ever
 * assumed. Each caller decides what that means (docs/cluster.md).
 */
@Component
public class NodeLeases {
    private static final Logger LOG = LoggerFactory.getLogger(NodeLeases.class);
    private static final String EXPIRY = "CURRENT_TIMESTAMP + CAST(? AS INTEGER) * INTERVAL '1' SECOND";
    private static final String TAKE = "UPDATE slm_node_lease SET owner = ?, expires_at = " + EXPIRY
            + " WHERE name = ? AND (owner = ? OR expires_at < CURRENT_TIMESTAMP)";
    private static final String INSERT = "INSERT INTO slm_node_lease (name, owner, expires_at) SELECT ?, ?, " + EXPIRY
            + " WHERE NOT EXISTS (SELECT 1 FROM slm_node_lease WHERE name = ?)";
    private static final String RENEW = "UPDATE slm_node_lease SET expires_at = " + EXPIRY + " WHERE name = ? AND owner = ?";

    private final JdbcTemplate jdbc;
    private final String owner;
    /** Its own transaction: committed at once, whatever the caller's. */
    private final TransactionTemplate own;
    /** The caller's transaction, or a new one. */
    private final TransactionTemplate joined;

    /**
     * @param nodeId this node's id; blank: the host name and a random suffix (unique, but a restart waits for the
     *               previous run's leases to expire instead of taking them back at once)
     */
    public NodeLeases(JdbcTemplate jdbc, PlatformTransactionManager transactions, @Value("${slm.node.id:}") String nodeId) {
        this.jdbc = jdbc;
        this.owner = nodeId == null || nodeId.isBlank() ? generatedId() : nodeId;
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.joined = new TransactionTemplate(transactions);
    }

    /** The owner this node writes into its leases. */
    public String owner() {
        return owner;
    }

    /**
     * Takes the lease for {@code length}, or renews it when this node holds it already; false while another node
     * holds it and it has not expired.
     */
    public boolean take(String name, Duration length) {
        try {
            if (update(own, TAKE, owner, seconds(length), name, owner) == 1) {
                return true;
            }
            return update(own, INSERT, name, owner, seconds(length), name) == 1;
        } catch (DuplicateKeyException e) {
            return false; // another node inserted it between the two statements
        } catch (PessimisticLockingFailureException e) {
            return false; // another node is inside whileHeld and holds the row (H2 gives up after its lock timeout)
        }
    }

    /** Renews the lease this node holds; throws {@link LeaseLostException} when it no longer holds it. */
    public void keep(String name, Duration length) {
        if (update(own, RENEW, seconds(length), name, owner) != 1) {
            throw lost(name);
        }
    }

    /**
     * Runs {@code work} in one transaction (the caller's, or a new one) that first renews the lease: its row stays
     * locked until that transaction ends, so no other node takes the lease meanwhile, and work whose lease already
     * went to another node never starts ({@link LeaseLostException}).
     */
    public <T> T whileHeld(String name, Duration length, Supplier<T> work) {
        return joined.execute(status -> {
            if (jdbc.update(RENEW, seconds(length), name, owner) != 1) {
                throw lost(name);
            }
            return work.get();
        });
    }

    /** Gives the lease up when this node holds it. A failure is logged: the lease then expires by itself. */
    public void release(String name) {
        try {
            update(own, "DELETE FROM slm_node_lease WHERE name = ? AND owner = ?", name, owner);
        } catch (DataAccessException e) {
            LOG.warn("Could not release the lease {} (it expires by itself): {}", name, e.getMessage());
        }
    }

    /** The node that holds the lease now, if any. */
    public Optional<String> holder(String name) {
        List<String> owners = jdbc.queryForList("SELECT owner FROM slm_node_lease WHERE name = ? AND expires_at >= CURRENT_TIMESTAMP",
                String.class, name);
        return owners.stream().findFirst();
    }

    private int update(TransactionTemplate transaction, String sql, Object... arguments) {
        try {
            Integer rows = transaction.execute(status -> jdbc.update(sql, arguments));
            return rows == null ? 0 : rows;
        } catch (TransactionException e) {
            // no connection for the transaction: the same for the callers as a statement that failed
            throw new DataAccessResourceFailureException("No lease without the database: " + e.getMessage(), e);
        }
    }

    private LeaseLostException lost(String name) {
        return new LeaseLostException("node " + owner + " no longer holds the lease " + name + " (held by "
                + holder(name).orElse("nobody") + ")");
    }

    private static int seconds(Duration length) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, length.toSeconds()));
    }

    private static String generatedId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "node";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
