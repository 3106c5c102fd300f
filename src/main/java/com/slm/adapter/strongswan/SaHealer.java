package com.slm.adapter.strongswan;

import com.slm.cluster.LeaseLostException;
import com.slm.logging.LogContext;
import com.slm.port.PortException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The IPsec watchdog's self-healing: brings back every CHILD_SA the product keeps ({@link KeptChildren}) that is not
 * INSTALLED on both gateways, and records what it saw for the health check. It changes a connection under the same
 * lock and lease as the steps ({@link ConnectionLocks}), and counts what it brought back ({@link SaRecoveryMeter}).
 */
final class SaHealer {
    private static final Logger LOG = LoggerFactory.getLogger(SaHealer.class);

    private final KeptChildren kept;
    private final ConnectionLocks locks;
    private final ConnectionSas sas;
    private final ChildSaInitiator initiator;
    private final ConnectionLoader connections;
    /** What each watchdog pass saw, for the health check (which never asks charon itself). */
    private final ChildSaObservations observations;
    private final AtomicLong recoveries = new AtomicLong();

    SaHealer(ViciGateways gateways, StrongswanProperties settings, KeptChildren kept, ConnectionLocks locks,
             ChildSaObservations observations) {
        this.kept = kept;
        this.locks = locks;
        this.sas = new ConnectionSas(gateways, settings);
        this.initiator = new ChildSaInitiator(gateways, settings, sas);
        this.connections = new ConnectionLoader(gateways, settings);
        this.observations = observations;
    }

    /**
     * One pass of the watchdog: every kept CHILD_SA that is not INSTALLED on both gateways is brought back. A
     * gateway whose charon lost the connection (it restarted) gets its credentials and connection loaded again; a
     * stale IKE_SA left on the other side is closed first, since its peer no longer knows it. A connection that a
     * step is changing right now is left for the next pass, and so is one whose lease another node holds (it is
     * repairing it, or changing it in a step). Returns how many CHILD_SAs it brought back. What the pass saw of each
     * CHILD_SA is recorded for the health check, by every node. The passes of one node never overlap: the
     * watchdog runs them through {@link HealPasses} (a connection's lock only keeps a pass and a step apart).
     */
    int heal() {
        int healed = 0;
        List<KeptChildren.Child> all = kept.all();
        observations.passStarted(all);
        Map<String, List<KeptChildren.Child>> byConn = new LinkedHashMap<>();
        all.forEach(c -> byConn.computeIfAbsent(c.conn(), k -> new ArrayList<>()).add(c));
        for (Map.Entry<String, List<KeptChildren.Child>> entry : byConn.entrySet()) {
            // the watchdog runs for no migration: its lines carry the connection (and CHILD_SA) it heals instead
            try (LogContext.Scope healing = LogContext.with(LogContext.IPSEC_CONN, entry.getKey())) {
                healed += healUnlessBusy(entry.getKey(), entry.getValue());
            }
        }
        observations.passFinished();
        return healed;
    }

    private int healUnlessBusy(String conn, List<KeptChildren.Child> children) {
        ReentrantLock lock = locks.lock(conn);
        if (!lock.tryLock()) {
            return 0;
        }
        try {
            if (missing(conn, children).isEmpty()) {
                return 0;
            }
            return repairUnderLease(conn, children);
        } catch (PortException | IllegalStateException | LeaseLostException | DataAccessException e) {
            // IllegalStateException: a VICI client closed under the pass (the product stopping); the pass goes on
            LOG.warn("IPsec recovery of {} failed, trying again at the next pass (the guard drops meanwhile): {}",
                    conn, e.getMessage());
            return 0;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Repairs a connection if this node gets its lease; another node that holds it is repairing it (or changing it
     * in a step), so this one leaves it. Without the database there is no lease, and no repair: the watchdog only
     * ever brings SAs back (the guard drops the traffic meanwhile, never lets it out in clear), so skipping is safe,
     * whereas repairing unleased could race another node's repair.
     */
    private int repairUnderLease(String conn, List<KeptChildren.Child> children) {
        try {
            if (!locks.takeLease(conn)) {
                LOG.debug("IPsec recovery of {} left to node {}, which holds the connection's lease", conn,
                        locks.leaseHolder(conn));
                return 0;
            }
        } catch (DataAccessException e) {
            LOG.warn("IPsec recovery of {} skipped: its lease needs the database, which does not answer (the guard drops "
                    + "meanwhile): {}", conn, e.getMessage());
            return 0;
        }
        try {
            // another node may have repaired it between the first look and the lease: look again, under the lease
            List<KeptChildren.Child> missing = missing(conn, children);
            return missing.isEmpty() ? 0 : repair(conn, children, missing, () -> locks.keepLease(conn));
        } finally {
            locks.releaseLease(conn);
        }
    }

    /** How many CHILD_SAs the watchdog brought back since the product started. */
    long recoveries() {
        return recoveries.get();
    }

    /** The connection's kept CHILD_SAs that are not INSTALLED on both gateways (recorded for the health check). */
    private List<KeptChildren.Child> missing(String conn, List<KeptChildren.Child> children) {
        String secureEnv = children.get(0).secureEnvironment();
        String targetEnv = children.get(0).targetEnvironment();
        // one list-sas per gateway and pass, whatever the number of children; a gateway that does not answer lacks
        // them all (recorded for the health check), and this connection waits for the next pass
        Map<String, Set<String>> installed = new LinkedHashMap<>();
        PortException unanswered = null;
        for (String environment : List.of(secureEnv, targetEnv)) {
            try {
                installed.put(environment, sas.installedNames(environment, conn));
            } catch (PortException e) {
                installed.put(environment, Set.of());
                unanswered = unanswered == null ? e : unanswered;
            }
        }
        for (KeptChildren.Child c : children) {
            observations.seen(conn, c.child(), installed.entrySet().stream()
                    .filter(e -> !e.getValue().contains(c.child())).map(Map.Entry::getKey).toList());
        }
        if (unanswered != null) {
            throw unanswered;
        }
        Set<String> upSecure = installed.get(secureEnv);
        Set<String> upTarget = installed.get(targetEnv);
        return children.stream().filter(c -> !upSecure.contains(c.child()) || !upTarget.contains(c.child())).toList();
    }

    /** Brings the missing CHILD_SAs back, renewing the connection's lease before each stretch of VICI calls. */
    private int repair(String conn, List<KeptChildren.Child> children, List<KeptChildren.Child> missing, Runnable renewLease) {
        String secureEnv = children.get(0).secureEnvironment();
        String targetEnv = children.get(0).targetEnvironment();
        renewLease.run();
        boolean reloadedSecure = reloadIfLost(secureEnv, targetEnv, conn, children, true);
        renewLease.run();
        boolean reloadedTarget = reloadIfLost(targetEnv, secureEnv, conn, children, false);
        if (reloadedSecure != reloadedTarget) {
            // one charon restarted: the other still holds an IKE_SA its peer has forgotten
            sas.terminateIke(reloadedSecure ? targetEnv : secureEnv, conn);
        }
        for (KeptChildren.Child c : missing) {
            try (LogContext.Scope healing = LogContext.with(LogContext.IPSEC_CHILD, c.child())) {
                renewLease.run();
                long started = System.currentTimeMillis();
                initiator.initiate(secureEnv, targetEnv, conn, c.child(), c.secureTs(), c.targetTs());
                recoveries.incrementAndGet();
                observations.recovered(conn, c.child());
                LOG.warn("IPsec recovery: CHILD_SA {} of {} was not INSTALLED on both {} and {}{}; brought back in {} ms",
                        c.child(), conn, secureEnv, targetEnv,
                        reloadedSecure || reloadedTarget ? " (charon had lost the connection: reloaded)" : "",
                        System.currentTimeMillis() - started);
            }
        }
        return missing.size();
    }

    /** Loads credentials and the connection with every kept child on a gateway that lacks any of them. */
    private boolean reloadIfLost(String environment, String peerEnvironment, String conn, List<KeptChildren.Child> children,
                                 boolean secureSide) {
        Map<String, ConnectionLoader.Selectors> loaded = connections.loaded(environment, conn);
        boolean complete = children.stream().allMatch(c -> loaded.containsKey(c.child()));
        if (complete) {
            return false;
        }
        for (KeptChildren.Child c : children) {
            loaded.put(c.child(), secureSide ? new ConnectionLoader.Selectors(c.secureTs(), c.targetTs())
                    : new ConnectionLoader.Selectors(c.targetTs(), c.secureTs()));
        }
        connections.loadCredentials(environment, peerEnvironment);
        connections.load(environment, peerEnvironment, conn, loaded);
        return true;
    }
}
