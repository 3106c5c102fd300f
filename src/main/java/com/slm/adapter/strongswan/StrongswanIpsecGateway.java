package com.slm.adapter.strongswan;

import com.slm.adapter.strongswan.vici.ViciChildSa;
import com.slm.adapter.strongswan.vici.ViciClient;
import com.slm.adapter.strongswan.vici.ViciIkeSa;
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

import java.util.ArrayList;
import java.util.Set;
import java.util.List;
import java.util.Map;

/**
 * The {@link IpsecGateway} port on strongSwan's charon, over VICI. Between a secure environment and a target
 * there is one IKE connection, named {@code slm-<secure>-<target>} on both gateways, and each policy is one of its
 * CHILD_SAs: {@code <policy>} for a VM (block 345, the patent's policies 270A and 270B), {@code <policy>-peer-<addr>}
 * for a peer added by block 365, {@code <tunnel>} for a subnet that moved (block 340). Tunnel mode, proposals
 * from configuration, x509 (or PSK) authentication with credentials loaded over VICI. An operation is done when
 * both charons list the CHILD_SA as INSTALLED; running it again changes nothing.
 * <p>
 * Whatever changes a connection (a step, or the watchdog's repair: {@link SaHealer}) holds its lock in this node and
 * its lease in the database ({@link ConnectionLocks}), so that of several nodes on one database only one changes a
 * connection at a time.
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

    StrongswanIpsecGateway(ViciGateways gateways, StrongswanProperties settings, Topology topology, KeptChildren kept,
                           ConnectionLocks locks) {
        this.gateways = gateways;
        this.settings = settings;
        this.topology = topology;
        this.kept = kept;
        this.locks = locks;
        this.sas = new ConnectionSas(gateways, settings);
        this.initiator = new ChildSaInitiator(gateways, settings, sas);
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
