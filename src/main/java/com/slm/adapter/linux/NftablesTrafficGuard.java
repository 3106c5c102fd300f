package com.slm.adapter.linux;

import com.slm.adapter.Commands;
import com.slm.domain.CleartextGuard;
import com.slm.port.PortException;
import com.slm.port.TrafficGuard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fail-closed guard in nftables, on the forward hook of the environment's IPsec host: a table of the product's
 * own ({@code inet slm_guard}) with two drop rules per guard, one per direction, tagged with the guard's name.
 * What counts as protected depends on how the host does IPsec ({@code slm.linux.guard.mode}):
 * <ul>
 *   <li>{@code kernel-esp} (real hosts): the kernel's own marks, {@code meta ipsec missing} for what arrives (not
 *   decrypted) and {@code rt ipsec missing} for what leaves (not bound to an XFRM state);</li>
 *   <li>{@code tun-interface} (strongSwan's kernel-libipsec, the lab): protected traffic enters and leaves through
 *   the TUN device ({@code ipsec0}), the ESP packets being charon's own output, never forwarded.</li>
 * </ul>
 * Either way the rules live in the kernel: they keep dropping when charon stops, when its SAs or routes vanish,
 * and when the product is down.
 * <p>
 * A packet that arrives on one of the host's local interfaces ({@code slm.linux.guard.local-interfaces}: the VMs'
 * bridges) and leaves on one of them never reaches the untrusted network: one rule at the head of the chain lets
 * it pass, so two VMs that moved to the same host (each guarded) still reach each other. Before a VM arrives, the
 * host routes its address towards the untrusted network, not to a local interface: that packet is still dropped.
 */
public class NftablesTrafficGuard implements TrafficGuard {
    static final String TABLE = "slm_guard";
    static final String CHAIN = "forward";
    private static final Pattern HANDLE = Pattern.compile("comment \"([^\"]+)\".*# handle (\\d+)");
    /** The comment of the stays-on-host rule, followed by the interfaces it names (so a changed setting shows). */
    static final String STAYS_ON_HOST = "slm-local:";

    private final LinuxProperties.Guard settings;
    private final Commands commands;

    public NftablesTrafficGuard(LinuxProperties.Guard settings, Commands commands) {
        this.settings = settings;
        this.commands = commands;
    }

    @Override
    public void install(String environment, CleartextGuard guard) {
        String ns = host(environment);
        requireRoutedOnly(ns, environment);
        ensureChain(ns);
        Map<String, String> rules = commentedRules(ns); // one listing for the whole install
        ensureStaysOnHostRule(ns, rules, settings.localInterfaces(environment));
        List<String> mine = handles(rules, guard.name());
        if (mine.size() >= 2) {
            return;
        }
        deleteRules(ns, mine); // a half-installed guard (one rule) is made whole again
        String moved = set(guard.movedAddresses());
        String secure = set(guard.secureNetworks());
        nft(ns, rule(moved, secure, true, guard.name()));
        nft(ns, rule(secure, moved, false, guard.name()));
    }

    @Override
    public void remove(String environment, String guardName) {
        String ns = host(environment);
        if (!chainExists(ns)) {
            return;
        }
        deleteRules(ns, handles(commentedRules(ns), guardName));
    }

    @Override
    public boolean isInstalled(String environment, String guardName) {
        String ns = host(environment);
        return chainExists(ns) && handles(commentedRules(ns), guardName).size() >= 2;
    }

    /** One direction: from {@code from} to {@code to}, drop what IPsec did not protect. */
    List<String> rule(String from, String to, boolean outbound, String name) {
        List<String> rule = new ArrayList<>(List.of("add", "rule", "inet", TABLE, CHAIN,
                "ip", "saddr", from, "ip", "daddr", to));
        if ("kernel-esp".equals(settings.mode())) {
            rule.addAll(outbound ? List.of("rt", "ipsec", "missing") : List.of("meta", "ipsec", "missing"));
        } else {
            // outbound from the moved side must leave through the tunnel; inbound to it must come out of it,
            // on whichever host the rule sits (the target host or the secure gateway)
            rule.addAll(List.of("iifname", "!=", settings.tunInterface(), "oifname", "!=", settings.tunInterface()));
        }
        rule.addAll(List.of("counter", "drop", "comment", "\"slm:" + name + "\""));
        return rule;
    }

    /**
     * The guard filters routed packets. With br_netfilter passing bridged frames to the IP hooks, it would also drop
     * frames bridged inside the site on their way to a moved address (a secure host talking to its router): an
     * outage nobody asked for. So such a host is refused, with the setting to change, before anything is installed.
     */
    private void requireRoutedOnly(String ns, String environment) {
        String value = commands.run(ns, "sh", "-c",
                "cat /proc/sys/net/bridge/bridge-nf-call-iptables 2>/dev/null || echo 0").strip();
        if ("1".equals(value)) {
            throw new PortException("The IPsec host of environment '" + environment + "' passes bridged frames to the IP "
                    + "firewall (net.bridge.bridge-nf-call-iptables=1): the fail-closed guard would drop traffic bridged "
                    + "inside the site. Set net.bridge.bridge-nf-call-iptables=0 there, then retry", false);
        }
    }

    private void ensureChain(String ns) {
        nft(ns, List.of("add", "table", "inet", TABLE));
        // before the usual filter priority (0): nothing another table accepts can pass a drop here anyway, but the
        // counters then show what the guard stopped first
        nft(ns, List.of("add", "chain", "inet", TABLE, CHAIN, "{", "type", "filter", "hook", "forward", "priority", "-10", ";",
                "policy", "accept", ";", "}"));
    }

    /**
     * The head of the chain lets pass what arrives on a local interface and leaves on one, as configured now: the new
     * rule goes in before the old one goes, so the change never drops what both settings let pass.
     */
    private void ensureStaysOnHostRule(String ns, Map<String, String> rules, List<String> interfaces) {
        String wanted = STAYS_ON_HOST + String.join(",", interfaces);
        List<String> stale = new ArrayList<>();
        boolean present = false;
        for (Map.Entry<String, String> rule : rules.entrySet()) {
            if (rule.getValue().equals(wanted) && !interfaces.isEmpty()) {
                present = true;
            } else if (rule.getValue().startsWith(STAYS_ON_HOST)) {
                stale.add(rule.getKey());
            }
        }
        if (!present && !interfaces.isEmpty()) {
            String local = quotedSet(interfaces);
            nft(ns, List.of("insert", "rule", "inet", TABLE, CHAIN, "iifname", local, "oifname", local,
                    "counter", "accept", "comment", "\"" + wanted + "\""));
        }
        deleteRules(ns, stale);
    }

    private void deleteRules(String ns, List<String> handles) {
        for (String handle : handles) {
            nft(ns, List.of("delete", "rule", "inet", TABLE, CHAIN, "handle", handle));
        }
    }

    private boolean chainExists(String ns) {
        try {
            commands.run(ns, "nft", "list", "chain", "inet", TABLE, CHAIN);
            return true;
        } catch (PortException e) {
            return false;
        }
    }

    /** The handles of a guard's rules among the chain's commented rules. */
    private static List<String> handles(Map<String, String> rules, String name) {
        List<String> handles = new ArrayList<>();
        rules.forEach((handle, comment) -> {
            if (comment.equals("slm:" + name)) {
                handles.add(handle);
            }
        });
        return handles;
    }

    /** The chain's rules that carry a comment: handle to comment, in the chain's order. */
    private Map<String, String> commentedRules(String ns) {
        Map<String, String> rules = new LinkedHashMap<>();
        for (String line : commands.run(ns, "nft", "-a", "list", "chain", "inet", TABLE, CHAIN).lines().toList()) {
            Matcher m = HANDLE.matcher(line);
            if (m.find()) {
                rules.put(m.group(2), m.group(1));
            }
        }
        return rules;
    }

    private void nft(String ns, List<String> args) {
        List<String> argv = new ArrayList<>(List.of("nft"));
        argv.addAll(args);
        commands.run(ns, argv.toArray(String[]::new));
    }

    private String host(String environment) {
        if (!settings.hosts().containsKey(environment)) {
            throw new PortException("No guard host is configured for environment '" + environment
                    + "' (slm.linux.guard.hosts." + environment + ")", false);
        }
        return settings.hosts().get(environment);
    }

    private static String set(List<String> addresses) {
        return "{ " + String.join(", ", addresses) + " }";
    }

    private static String quotedSet(List<String> names) {
        return set(names.stream().map(name -> "\"" + name + "\"").toList());
    }
}
