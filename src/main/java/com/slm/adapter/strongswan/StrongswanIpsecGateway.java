package com.slm.adapter.strongswan;

import com.slm.adapter.strongswan.vici.ViciChildSa;
import com.slm.adapter.strongswan.vici.ViciClient;
import com.slm.adapter.strongswan.vici.ViciIkeSa;
import com.slm.cluster.LeaseLostException;
import com.slm.cluster.NodeLeases;
import com.slm.domain.CheckResult;
import com.slm.domain.SaDetails;
import com.slm.domain.SubnetTunnel;
import com.slm.domain.Subnets;
import com.slm.domain.VmPolicy;
import com.slm.logging.LogContext;
import com.slm.port.IpsecGateway;
import com.slm.port.PortException;
import com.slm.port.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

import java.util.ArrayList;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link IpsecGateway} port on strongSwan's charon, over VICI. Between a secure environment and a target
 * there is one IKE connection, named {@code slm-<secure>-<target>} on both gateways, and each policy is one of its
 * CHILD_SAs: {@code <policy>} for a VM (block 345, the patent's policies 270A and 270B), {@code <policy>-peer-<addr>}
 * for a peer added by block 365, {@code <tunnel>} for a subnet that moved (block 340). Tunnel mode, proposals
 * from configuration, x509 (or PSK) authentication with credentials loaded over VICI. An operation is done when
 * both charons list the CHILD_SA as INSTALLED; running it again changes nothing.
 * <p>
 * Whatever changes a connection (a step, or the watchdog's repair) holds its lock in this node and its lease in the
 * database ({@link ConnectionLocks}), so that of several nodes on one database only one changes a connection at a time.
 */
public class StrongswanIpsecGateway implements IpsecGateway {
    private static final Logger LOG = LoggerFactory.getLogger(StrongswanIpsecGateway.class);
    private static final String CONNECTION_PREFIX = "slm-";
    private final ViciGateways gateways;
    private final StrongswanProperties settings;
    private final Topology topology;
    private final KeptChildren kept;
    private final ConnectionLocks locks;
    private final ConnectionSas sas;
    private final ChildSaInitiator initiator;
    private final ConnectionLoader connections;
    /** What each watchdog pass saw, for the health check (which never asks charon itself). */
    private final ChildSaObservations observations;
    private final AtomicLong recoveries = new AtomicLong();

    StrongswanIpsecGateway(ViciGateways gateways, StrongswanProperties settings, Topology topology, KeptChildren kept,
                           NodeLeases leases, ChildSaObservations observations) {
        this.gateways = gateways;
        this.settings = settings;
        this.topology = topology;
        this.kept = kept;
        this.locks = new ConnectionLocks(leases);
        this.sas = new ConnectionSas(gateways, settings);
        this.initiator = new ChildSaInitiator(gateways, settings, sas);
        this.observations = observations;
        this.connections = new ConnectionLoader(gateways, settings);
    }

    @Override
    public CheckResult probe(String environment) {
        try {
            var version = gateways.call(environment, "version", ViciClient::version);
            return CheckResult.pass("ipsec-" + environment, "charon " + version + " answers at "
                    + gateways.gateway(environment).viciSocket());
        } catch (PortException e) {
            return CheckResult.fail("ipsec-" + environment, e.getMessage());
        }
    }

    @Override
    public List<SaDetails> installVmPolicy(VmPolicy policy) {
        return ensureChild(policy.secureEnvironment(), policy.targetEnvironment(), policy.name(),
                policy.secureSubnets(), List.of(host(policy.vmAddress())));
    }

    @Override
    public List<SaDetails> extendVmPolicy(VmPolicy policy, String peerAddress) {
        return ensureChild(policy.secureEnvironment(), policy.targetEnvironment(), peerChild(policy, peerAddress),
                List.of(host(peerAddress)), List.of(host(policy.vmAddress())));
    }

    @Override
    public void removeVmPolicy(VmPolicy policy) {
        removeChildren(policy.secureEnvironment(), policy.targetEnvironment(), policy.name());
    }

    @Override
    public List<SaDetails> establishSubnetTunnel(SubnetTunnel tunnel) {
        List<String> secure = topology.subnets(tunnel.secureEnvironment()).stream()
                .filter(s -> !s.equals(tunnel.subnet())).toList();
        if (secure.isEmpty()) {
            throw new PortException("Environment '" + tunnel.secureEnvironment() + "' has no subnet besides "
                    + tunnel.subnet() + " to tunnel to", false);
        }
        return ensureChild(tunnel.secureEnvironment(), tunnel.targetEnvironment(), tunnel.name(), secure,
                List.of(tunnel.subnet()));
    }

    @Override
    public void removeSubnetTunnel(SubnetTunnel tunnel) {
        removeChildren(tunnel.secureEnvironment(), tunnel.targetEnvironment(), tunnel.name());
    }

    @Override
    public List<String> notInstalled(VmPolicy policy, List<String> peerAddresses) {
        List<String> children = new ArrayList<>();
        children.add(policy.name());
        peerAddresses.forEach(peer -> children.add(peerChild(policy, peer)));
        return notInstalled(policy.secureEnvironment(), policy.targetEnvironment(), children);
    }

    @Override
    public List<String> notInstalled(SubnetTunnel tunnel) {
        return notInstalled(tunnel.secureEnvironment(), tunnel.targetEnvironment(), List.of(tunnel.name()));
    }

    /** One list-sas per gateway: each child must be INSTALLED on both ends, or the traffic has no SA to take. */
    private List<String> notInstalled(String secureEnv, String targetEnv, List<String> children) {
        String conn = connection(secureEnv, targetEnv);
        List<Set<String>> up = LogContext.bothAtOnce(() -> sas.installedNames(secureEnv, conn), () -> sas.installedNames(targetEnv, conn));
        List<String> missing = new ArrayList<>();
        List<String> environments = List.of(secureEnv, targetEnv);
        for (int i = 0; i < 2; i++) {
            Set<String> installed = up.get(i);
            String environment = environments.get(i);
            children.stream().filter(child -> !installed.contains(child))
                    .forEach(child -> missing.add("CHILD_SA " + child + " of " + conn + " on " + environment));
        }
        return missing;
    }

    @Override
    public List<SaDetails> sasCovering(String localAddress, String remoteAddress) {
        List<SaDetails> covering = new ArrayList<>();
        for (String environment : settings.gateways().keySet()) {
            for (ViciIkeSa ike : gateways.call(environment, "list SAs", c -> c.listSas(null))) {
                for (ViciChildSa child : ike.children()) {
                    if (ConnectionSas.INSTALLED.equals(child.state()) && (covers(child, localAddress, remoteAddress) || covers(child, remoteAddress, localAddress))) {
                        covering.add(ConnectionSas.details(environment, ike, child));
                    }
                }
            }
        }
        return covering;
    }

    // ---- the work ------------------------------------------------------------------------------------------

    private List<SaDetails> ensureChild(String secureEnv, String targetEnv, String child, List<String> secureTs, List<String> targetTs) {
        String conn = connection(secureEnv, targetEnv);
        return locks.changing(conn, () -> {
            // kept first: from now on the watchdog brings this SA back whatever happens to it
            kept.keep(new KeptChildren.Child(conn, child, secureEnv, targetEnv, secureTs, targetTs));
            return ensureChildLocked(secureEnv, targetEnv, conn, child, secureTs, targetTs);
        });
    }

    private List<SaDetails> ensureChildLocked(String secureEnv, String targetEnv, String conn, String child,
                                              List<String> secureTs, List<String> targetTs) {
        // the two charons are configured at once: the step (and in strict mode the VM's blackout) waits for the slower
        LogContext.bothAtOnce(() -> {
            connections.loadWithChild(secureEnv, targetEnv, conn, child, new ConnectionLoader.Selectors(secureTs, targetTs));
            return null;
        }, () -> {
            connections.loadWithChild(targetEnv, secureEnv, conn, child, new ConnectionLoader.Selectors(targetTs, secureTs));
            return null;
        });
        List<SaDetails> installed = sas.installedOnBoth(secureEnv, targetEnv, conn, child);
        if (installed != null) {
            return installed;
        }
        return initiator.initiateAndAwaitInstalled(secureEnv, targetEnv, conn, child, secureTs, targetTs);
    }

    // ---- self-healing ----------------------------------------------------------------------------------------

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

    private void removeChildren(String secureEnv, String targetEnv, String prefix) {
        String conn = connection(secureEnv, targetEnv);
        locks.changing(conn, () -> {
            kept.all().stream().filter(c -> c.conn().equals(conn))
                    .filter(c -> c.child().equals(prefix) || c.child().startsWith(prefix + "-peer-"))
                    .forEach(c -> kept.forget(conn, c.child()));
            removeChildrenLocked(secureEnv, targetEnv, conn, prefix);
            return null;
        });
    }

    private void removeChildrenLocked(String secureEnv, String targetEnv, String conn, String prefix) {
        for (String environment : List.of(secureEnv, targetEnv)) {
            Map<String, ConnectionLoader.Selectors> children = connections.loaded(environment, conn);
            List<String> gone = children.keySet().stream().filter(n -> n.equals(prefix) || n.startsWith(prefix + "-peer-")).toList();
            for (String child : gone) {
                sas.terminate(environment, conn, child);
                children.remove(child);
            }
            if (children.isEmpty()) {
                sas.terminateIke(environment, conn);
                connections.unload(environment, conn);
            } else if (!gone.isEmpty()) {
                String other = environment.equals(secureEnv) ? targetEnv : secureEnv;
                connections.load(environment, other, conn, children);
            }
        }
    }

    // ---- small things --------------------------------------------------------------------------------------

    static String connection(String secureEnv, String targetEnv) {
        return CONNECTION_PREFIX + secureEnv + "-" + targetEnv;
    }

    /** Whether an IKE connection (on a gateway that may carry the site's own too) is one of the product's. */
    static boolean isProductConnection(String conn) {
        return conn.startsWith(CONNECTION_PREFIX);
    }

    static String peerChild(VmPolicy policy, String peer) {
        return policy.name() + "-peer-" + peer.replace('.', '-').replace(':', '-');
    }

    private static String host(String address) {
        return address.contains("/") ? address : address + (address.contains(":") ? "/128" : "/32");
    }

    static boolean covers(ViciChildSa child, String local, String remote) {
        return child.localTs().stream().anyMatch(ts -> contains(ts, local))
                && child.remoteTs().stream().anyMatch(ts -> contains(ts, remote));
    }

    private static boolean contains(String selector, String address) {
        String cidr = selector.contains("[") ? selector.substring(0, selector.indexOf('[')) : selector;
        try {
            return Subnets.contains(cidr.trim(), address);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }


}
