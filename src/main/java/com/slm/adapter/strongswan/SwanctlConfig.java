package com.slm.adapter.strongswan;

import com.slm.adapter.strongswan.vici.ViciMessage;
import com.slm.domain.SubnetTunnel;
import com.slm.domain.VmPolicy;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Turns the domain's IPsec intents into {@code load-conn} settings (swanctl.conf(5) vocabulary), one per
 * gateway. Sketch for the coming IpsecGateway adapter: PSK authentication by gateway identity (the PSK
 * itself goes through {@code load-shared}, never through here), tunnel mode, nothing started on load.
 */
public final class SwanctlConfig {
    /** Child SA name inside every generated connection. */
    public static final String CHILD = "net";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** Which end of the policy the generated connection is for. */
    public enum Side { SECURE, TARGET }

    private SwanctlConfig() {
    }

    /** The connection name charon knows a VM policy by. */
    public static String vmPolicyConnection(VmPolicy policy) {
        return "slm-vm-" + requireName(policy.name());
    }

    /** The connection name charon knows a subnet tunnel by. */
    public static String subnetTunnelConnection(SubnetTunnel tunnel) {
        return "slm-net-" + requireName(tunnel.name());
    }

    /**
     * Block 345: traffic between the VM's address and the secure environment's subnets. On the secure
     * gateway the subnets are local and the VM (a host route) remote; on the target gateway the reverse.
     */
    public static ViciMessage vmPolicy(VmPolicy policy, Side side, IpsecEndpoint local, IpsecEndpoint remote,
                                       IpsecProposals proposals) {
        Objects.requireNonNull(policy, "policy");
        requireName(policy.name());
        String vm = hostRoute(policy.vmAddress());
        List<String> secure = subnets("secure subnet", policy.secureSubnets());
        return side == Side.SECURE
                ? connection(local, remote, proposals, secure, List.of(vm))
                : connection(local, remote, proposals, List.of(vm), secure);
    }

    /**
     * Block 340: the secure environment's subnets reach a subnet that moved as a whole through the target
     * gateway. {@code secureSubnets} come from the secure environment's configuration.
     */
    public static ViciMessage subnetTunnel(SubnetTunnel tunnel, List<String> secureSubnets, Side side,
                                           IpsecEndpoint local, IpsecEndpoint remote, IpsecProposals proposals) {
        Objects.requireNonNull(tunnel, "tunnel");
        requireName(tunnel.name());
        List<String> moved = List.of(requireAddress("tunnel subnet", tunnel.subnet(), true));
        List<String> secure = subnets("secure subnet", secureSubnets);
        return side == Side.SECURE
                ? connection(local, remote, proposals, secure, moved)
                : connection(local, remote, proposals, moved, secure);
    }

    private static ViciMessage connection(IpsecEndpoint local, IpsecEndpoint remote, IpsecProposals proposals,
                                          List<String> localTs, List<String> remoteTs) {
        Objects.requireNonNull(local, "local gateway");
        Objects.requireNonNull(remote, "remote gateway");
        Objects.requireNonNull(proposals, "proposals");
        if (local.address().equals(remote.address())) {
            throw new IllegalArgumentException("local and remote gateway are the same address " + local.address());
        }
        return ViciMessage.builder()
                .add("version", 2)
                .addList("local_addrs", local.address())
                .addList("remote_addrs", remote.address())
                .add("encap", proposals.encap())
                .addList("proposals", proposals.ike())
                .addSection("local", l -> l.add("auth", "psk").add("id", local.id()))
                .addSection("remote", r -> r.add("auth", "psk").add("id", remote.id()))
                .addSection("children", c -> c.addSection(CHILD, child -> child
                        .add("mode", "tunnel")
                        .addList("local_ts", localTs)
                        .addList("remote_ts", remoteTs)
                        .addList("esp_proposals", proposals.esp())
                        // the adapter initiates explicitly and checks the result; nothing happens on load
                        .add("start_action", "none")
                        .add("close_action", "none")))
                .build();
    }

    private static List<String> subnets(String what, List<String> subnets) {
        if (subnets == null || subnets.isEmpty()) {
            throw new IllegalArgumentException(what + "s must not be empty");
        }
        return subnets.stream().map(s -> requireAddress(what, s, true)).toList();
    }

    private static String hostRoute(String address) {
        String checked = requireAddress("VM address", address, false);
        return checked + (checked.contains(":") ? "/128" : "/32");
    }

    private static String requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is no valid connection name (letters, digits, '.', '_', '-'; at most 63)");
        }
        return name;
    }

    /** A literal IPv4/IPv6 address, optionally with a prefix length; never a host name (no DNS lookups here). */
    static String requireAddress(String what, String value, boolean prefixAllowed) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        String address = value;
        String prefix = null;
        int slash = value.indexOf('/');
        if (slash >= 0) {
            if (!prefixAllowed) {
                throw new IllegalArgumentException(what + " '" + value + "' must be a single address, without prefix");
            }
            address = value.substring(0, slash);
            prefix = value.substring(slash + 1);
        }
        boolean v4 = IPV4.matcher(address).matches();
        boolean v6 = !v4 && IPV6.matcher(address).matches();
        if (!v4 && !v6) {
            throw new IllegalArgumentException(what + " '" + value + "' is no IPv4 or IPv6 address");
        }
        if (prefix != null) {
            int max = v4 ? 32 : 128;
            if (!prefix.matches("\\d{1,3}") || Integer.parseInt(prefix) > max) {
                throw new IllegalArgumentException(what + " '" + value + "' has an invalid prefix length (0-" + max + ")");
            }
        }
        return value;
    }
}
