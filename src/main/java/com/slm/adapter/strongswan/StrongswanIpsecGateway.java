package com.slm.adapter.strongswan;

import com.slm.adapter.strongswan.vici.ViciChildSa;
import com.slm.adapter.strongswan.vici.ViciClient;
import com.slm.adapter.strongswan.vici.ViciCommandException;
import com.slm.adapter.strongswan.vici.ViciIkeSa;
import com.slm.adapter.strongswan.vici.ViciInitiate;
import com.slm.adapter.strongswan.vici.ViciMessage;
import com.slm.adapter.strongswan.vici.ViciSharedSecret;
import com.slm.adapter.strongswan.vici.ViciTerminate;
import com.slm.config.Environments;
import com.slm.domain.CheckResult;
import com.slm.domain.SaDetails;
import com.slm.domain.SubnetTunnel;
import com.slm.domain.Subnets;
import com.slm.domain.VmPolicy;
import com.slm.port.IpsecGateway;
import com.slm.port.PortException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link IpsecGateway} port on strongSwan's charon, over VICI. Between a secure environment and a target
 * there is one IKE connection, named {@code slm-<secure>-<target>} on both gateways, and each policy is one of its
 * CHILD_SAs: {@code <policy>} for a VM (block 345, the patent's policies 270A and 270B), {@code <policy>-peer-<addr>}
 * for a peer added by block 365, {@code <tunnel>} for a subnet that moved (block 340). Tunnel mode, proposals
 * from configuration, x509 (or PSK) authentication with credentials loaded over VICI. An operation is done when
 * both charons list the CHILD_SA as INSTALLED; running it again changes nothing.
 */
public class StrongswanIpsecGateway implements IpsecGateway {
    private static final Logger LOG = LoggerFactory.getLogger(StrongswanIpsecGateway.class);
    static final String INSTALLED = "INSTALLED";

    private final ViciGateways gateways;
    private final StrongswanProperties settings;
    private final Environments environments;
    private final LibipsecSourceAddresses libipsec;

    StrongswanIpsecGateway(ViciGateways gateways, StrongswanProperties settings, Environments environments) {
        this.gateways = gateways;
        this.settings = settings;
        this.environments = environments;
        this.libipsec = new LibipsecSourceAddresses(new com.slm.adapter.linux.Commands(settings.callTimeout()));
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
        List<String> secure = environments.subnets(tunnel.secureEnvironment()).stream()
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
        List<String> missing = new ArrayList<>();
        for (String environment : List.of(secureEnv, targetEnv)) {
            java.util.Set<String> up = new java.util.HashSet<>();
            for (ViciIkeSa ike : gateways.call(environment, "list SAs of " + conn, c -> c.listSas(conn))) {
                for (ViciChildSa sa : ike.children()) {
                    if (INSTALLED.equals(sa.state())) {
                        up.add(sa.name());
                    }
                }
            }
            children.stream().filter(child -> !up.contains(child))
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
                    if (INSTALLED.equals(child.state()) && (covers(child, localAddress, remoteAddress) || covers(child, remoteAddress, localAddress))) {
                        covering.add(details(environment, ike, child));
                    }
                }
            }
        }
        return covering;
    }

    // ---- the work ------------------------------------------------------------------------------------------

    private List<SaDetails> ensureChild(String secureEnv, String targetEnv, String child, List<String> secureTs, List<String> targetTs) {
        String conn = connection(secureEnv, targetEnv);
        loadCredentials(secureEnv, targetEnv);
        loadCredentials(targetEnv, secureEnv);
        loadConnection(secureEnv, targetEnv, conn, child, secureTs, targetTs);
        loadConnection(targetEnv, secureEnv, conn, child, targetTs, secureTs);
        List<SaDetails> installed = installedOnBoth(secureEnv, targetEnv, conn, child);
        if (installed != null) {
            return installed;
        }
        List<String> lentSecure = libipsec.lend(gateways.gateway(secureEnv), secureTs);
        List<String> lentTarget = libipsec.lend(gateways.gateway(targetEnv), targetTs);
        try {
            gateways.call(secureEnv, "initiate " + conn + "/" + child, c -> c.initiate(
                    ViciInitiate.child(child).withIke(conn).withTimeout(settings.establishTimeout())));
        } finally {
            libipsec.giveBack(gateways.gateway(secureEnv), lentSecure);
            libipsec.giveBack(gateways.gateway(targetEnv), lentTarget);
        }
        long deadline = System.currentTimeMillis() + settings.establishTimeout().toMillis();
        while (System.currentTimeMillis() < deadline) {
            installed = installedOnBoth(secureEnv, targetEnv, conn, child);
            if (installed != null) {
                LOG.info("CHILD_SA {} of {} INSTALLED on {} and {}", child, conn, secureEnv, targetEnv);
                return installed;
            }
            sleep();
        }
        throw new PortException("CHILD_SA " + child + " of " + conn + " is not INSTALLED on both gateways ("
                + secureEnv + ", " + targetEnv + ") after " + settings.establishTimeout().toSeconds() + " s", true);
    }

    /** Both ends' INSTALLED CHILD_SAs of that name, or null while either lacks one. */
    private List<SaDetails> installedOnBoth(String secureEnv, String targetEnv, String conn, String child) {
        List<SaDetails> secure = installed(secureEnv, conn, child);
        List<SaDetails> target = installed(targetEnv, conn, child);
        if (secure.isEmpty() || target.isEmpty()) {
            return null;
        }
        List<SaDetails> both = new ArrayList<>(secure);
        both.addAll(target);
        return both;
    }

    private List<SaDetails> installed(String environment, String conn, String child) {
        List<SaDetails> found = new ArrayList<>();
        for (ViciIkeSa ike : gateways.call(environment, "list SAs of " + conn, c -> c.listSas(conn))) {
            for (ViciChildSa sa : ike.children()) {
                if (child.equals(sa.name()) && INSTALLED.equals(sa.state())) {
                    found.add(details(environment, ike, sa));
                }
            }
        }
        return found;
    }

    private void removeChildren(String secureEnv, String targetEnv, String prefix) {
        String conn = connection(secureEnv, targetEnv);
        for (String environment : List.of(secureEnv, targetEnv)) {
            Map<String, Children.Spec> children = Children.of(gateways.call(environment, "list " + conn,
                    c -> c.listConns(conn)).get(conn));
            List<String> gone = children.keySet().stream().filter(n -> n.equals(prefix) || n.startsWith(prefix + "-peer-")).toList();
            for (String child : gone) {
                terminate(environment, conn, child);
                children.remove(child);
            }
            if (children.isEmpty()) {
                terminateIke(environment, conn);
                gateways.call(environment, "unload " + conn, c -> {
                    if (c.getConns().contains(conn)) {
                        c.unloadConn(conn);
                    }
                    return null;
                });
            } else if (!gone.isEmpty()) {
                String other = environment.equals(secureEnv) ? targetEnv : secureEnv;
                load(environment, other, conn, children);
            }
        }
    }

    private void terminate(String environment, String conn, String child) {
        try {
            gateways.call(environment, "terminate " + child, c -> c.terminate(
                    ViciTerminate.child(child).withTimeout(settings.establishTimeout())));
        } catch (PortException e) {
            if (!(e.getCause() instanceof ViciCommandException)) {
                throw e;
            }
            // "no matching SAs": already gone, which is what we want
        }
    }

    private void terminateIke(String environment, String conn) {
        try {
            gateways.call(environment, "terminate " + conn, c -> c.terminate(
                    ViciTerminate.ike(conn).withTimeout(settings.establishTimeout())));
        } catch (PortException e) {
            if (!(e.getCause() instanceof ViciCommandException)) {
                throw e;
            }
        }
    }

    private void loadConnection(String environment, String peerEnvironment, String conn, String child,
                                List<String> localTs, List<String> remoteTs) {
        Map<String, Children.Spec> children = Children.of(gateways.call(environment, "list " + conn,
                c -> c.listConns(conn)).get(conn));
        children.put(child, new Children.Spec(localTs, remoteTs));
        load(environment, peerEnvironment, conn, children);
    }

    private void load(String environment, String peerEnvironment, String conn, Map<String, Children.Spec> children) {
        StrongswanProperties.Gateway local = gateways.gateway(environment);
        StrongswanProperties.Gateway remote = gateways.gateway(peerEnvironment);
        String auth = local.pskFile() != null && !local.pskFile().isBlank() ? "psk" : "pubkey";
        ViciMessage.Builder childSections = ViciMessage.builder();
        children.forEach((name, spec) -> childSections.addSection(name, c -> {
            c.add("mode", "tunnel")
                    .addList("local_ts", spec.localTs())
                    .addList("remote_ts", spec.remoteTs())
                    .addList("esp_proposals", settings.espProposals())
                    .add("start_action", "none")
                    .add("close_action", "none")
                    .add("dpd_action", "none");
            if (local.updown() != null && !local.updown().isBlank()) {
                c.add("updown", local.updown());
            }
        }));
        ViciMessage settingsOfConn = ViciMessage.builder()
                .add("version", 2)
                .addList("local_addrs", local.address())
                .addList("remote_addrs", remote.address())
                .add("encap", settings.udpEncapsulation())
                .addList("proposals", settings.ikeProposals())
                .addSection("local", l -> l.add("auth", auth).add("id", local.identity()))
                .addSection("remote", r -> r.add("auth", auth).add("id", remote.identity()))
                .addSection("children", childSections.build())
                .build();
        gateways.call(environment, "load " + conn, c -> {
            c.loadConn(conn, settingsOfConn);
            return null;
        });
    }

    /** The gateway's own certificate and key, the CA (or the PSK): read from files, handed over VICI only. */
    private void loadCredentials(String environment, String peerEnvironment) {
        StrongswanProperties.Gateway gateway = gateways.gateway(environment);
        if (gateway.pskFile() != null && !gateway.pskFile().isBlank()) {
            byte[] psk = read(gateway.pskFile(), environment).strip().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String peer = gateways.gateway(peerEnvironment).identity();
            gateways.call(environment, "load the pre-shared key", c -> {
                c.loadShared(ViciSharedSecret.ike("slm-" + environment + "-" + peerEnvironment, psk, List.of(gateway.identity(), peer)));
                return null;
            });
            return;
        }
        byte[] ca = bytes(gateway.caCertificate(), environment, "ca-certificate");
        byte[] cert = bytes(gateway.certificate(), environment, "certificate");
        byte[] key = bytes(gateway.privateKey(), environment, "private-key");
        gateways.call(environment, "load certificates and key", c -> {
            c.loadCert("X509", "CA", ca);
            c.loadCert("X509", "NONE", cert);
            c.loadKey("any", key);
            return null;
        });
    }

    private static byte[] bytes(String file, String environment, String setting) {
        if (file == null || file.isBlank()) {
            throw new PortException("slm.strongswan.gateways." + environment + "." + setting + " is not set", false);
        }
        return read(file, environment).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String read(String file, String environment) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            // the path is named, never the content
            throw new PortException("Cannot read a credential file of gateway " + environment + ": " + file, false, e);
        }
    }

    // ---- small things --------------------------------------------------------------------------------------

    static String connection(String secureEnv, String targetEnv) {
        return "slm-" + secureEnv + "-" + targetEnv;
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

    private static SaDetails details(String environment, ViciIkeSa ike, ViciChildSa child) {
        String proposal = child.encrAlg() + (child.integAlg().isEmpty() ? "" : "/" + child.integAlg());
        return new SaDetails(environment, ike.name() + "#" + ike.uniqueId(), child.name() + "#" + child.uniqueId(),
                child.state(), child.spiIn(), child.spiOut(), proposal, child.localTs(), child.remoteTs(),
                child.bytesIn(), child.bytesOut());
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortException("interrupted", true, e);
        }
    }

    /** The children of a loaded connection, as list-conns reports them. */
    static final class Children {
        record Spec(List<String> localTs, List<String> remoteTs) {
        }

        static Map<String, Spec> of(ViciMessage conn) {
            Map<String, Spec> children = new LinkedHashMap<>();
            if (conn == null) {
                return children;
            }
            conn.section("children").ifPresent(section -> section.sections().forEach((name, c) -> children.put(name,
                    new Spec(first(c, "local-ts", "local_ts"), first(c, "remote-ts", "remote_ts")))));
            return children;
        }

        private static List<String> first(ViciMessage m, String a, String b) {
            List<String> values = m.list(a);
            return values.isEmpty() ? m.list(b) : values;
        }
    }
}
