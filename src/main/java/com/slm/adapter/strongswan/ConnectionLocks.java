package com.slm.adapter.strongswan;

import com.slm.cluster.NodeLeases;
import com.slm.port.PortException;
import org.springframework.dao.DataAccessException;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Who may change an IKE connection right now. Whatever changes a connection (a step, or the watchdog's repair) holds
 * its lock in this node and its lease in the database ({@link NodeLeases}, {@code ipsec:<connection>}), so that of
 * several nodes on one database only one changes a connection at a time: two nodes never initiate the same CHILD_SA
 * at once (which would leave a duplicate) nor load a connection's CHILD_SAs over each other's. One instance per node,
 * shared by the steps ({@link StrongswanIpsecGateway}) and the watchdog's repair ({@link SaHealer}).
 */
class ConnectionLocks {
    /**
     * How long a node holds a connection's lease. A repair renews it before it reloads a gateway's connection and
     * before each CHILD_SA it initiates, so it covers the longest stretch between two renewals: one initiate (charon
     * waits up to the establish timeout, 30 s, the VICI call 5 s more) or one gateway's reload (list-conns, the
     * credentials, load-conn: VICI gives each call 10 s). A step holds it for one change, which ends within its
     * job's lock (50 s, docs/cluster.md) or runs again on another node anyway. Longer would leave the connections of
     * a node that died unrepaired for longer: its leases expire after at most this. A stretch that outlasts the
     * lease (charon hangs on several calls in a row) only allows what happened before there were leases: another
     * node may repair too, and the first one stops at its next renewal.
     */
    static final Duration CONNECTION_LEASE = Duration.ofSeconds(60);
    /**
     * How long a step waits for a connection that another node is repairing (a repair takes about a second); then
     * it fails and its job is tried again (retry cycle), within which a dead node's lease expires.
     */
    static final Duration LEASE_WAIT = Duration.ofSeconds(10);
    /**
     * How often a step waiting for a lease held by another node asks the database again: nothing tells it when the
     * lease is given up, so it asks at this pace, at most {@link #LEASE_WAIT} long.
     */
    static final Duration LEASE_RETRY = Duration.ofMillis(200);

    private final NodeLeases leases;
    /** One lock per IKE connection: changes to a connection shared by several migrations never interleave. */
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    ConnectionLocks(NodeLeases leases) {
        this.leases = leases;
    }

    /** Runs a step's change of a connection under its lock and its lease (waiting for a repair by another node). */
    <T> T changing(String conn, Supplier<T> change) {
        ReentrantLock lock = lock(conn);
        lock.lock();
        try {
            awaitLease(conn);
            try {
                return change.get();
            } finally {
                releaseLease(conn);
            }
        } finally {
            lock.unlock();
        }
    }

    private void awaitLease(String conn) {
        long deadline = System.nanoTime() + LEASE_WAIT.toNanos();
        try {
            while (!takeLease(conn)) {
                if (System.nanoTime() > deadline) {
                    throw new PortException("IKE connection " + conn + " has been repaired by node " + leaseHolder(conn)
                            + " for more than " + LEASE_WAIT.toSeconds() + " s: its change is tried again later", true);
                }
                pause(LEASE_RETRY);
            }
        } catch (DataAccessException e) {
            throw new PortException("No change to IKE connection " + conn + " without its lease, and the database does not answer: "
                    + e.getMessage(), true, e);
        }
    }

    /** The connection's lock in this node (the watchdog only tries it: a connection a step is changing waits). */
    ReentrantLock lock(String conn) {
        return locks.computeIfAbsent(conn, c -> new ReentrantLock());
    }

    /** Takes (or renews) the connection's lease for {@link #CONNECTION_LEASE}; false while another node holds it. */
    boolean takeLease(String conn) {
        return leases.take(lease(conn), CONNECTION_LEASE);
    }

    /** The node that holds the connection's lease, or {@code ?}. */
    String leaseHolder(String conn) {
        return leases.holder(lease(conn)).orElse("?");
    }

    /** Renews the lease this node holds; throws {@link com.slm.cluster.LeaseLostException} when it no longer holds it. */
    void keepLease(String conn) {
        leases.keep(lease(conn), CONNECTION_LEASE);
    }

    void releaseLease(String conn) {
        leases.release(lease(conn));
    }

    private static String lease(String conn) {
        return "ipsec:" + conn;
    }

    /** The back-off while another node holds a lease (no event tells when it is given up). */
    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortException("interrupted", true, e);
        }
    }
}
