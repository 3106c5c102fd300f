package com.slm.adapter.linux;

import com.slm.adapter.Commands;
import com.slm.domain.CleartextGuard;
import com.slm.lab.Lab;
import com.slm.lab.WanCapture;
import com.slm.port.PortException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The nftables guard on the lab's real IPsec hosts (site A and site B namespaces): install, check, remove, twice. */
class NftablesTrafficGuardLabIT {
    static final CleartextGuard GUARD = new CleartextGuard("slm-guard-it", List.of("192.0.2.60/32"),
            List.of("192.0.2.0/26", "198.51.100.0/24"));
    static NftablesTrafficGuard guard;

    @BeforeAll
    static void setUp() {
        Lab.requireUp();
        guard = LinuxAdapters.trafficGuard(com.slm.adapter.libvirt.LabSettingsAccess.binder(Map.of()));
    }

    @AfterEach
    void cleanUp() {
        for (String environment : List.of("secure", "remote")) {
            guard.remove(environment, GUARD.name());
        }
    }

    @Test
    void installsOnceChecksAndRemovesOnEitherHost() {
        for (String environment : List.of("remote", "secure")) {
            String site = "remote".equals(environment) ? "site-b" : "site-a";
            assertThat(guard.isInstalled(environment, GUARD.name())).isFalse();
            guard.install(environment, GUARD);
            guard.install(environment, GUARD);
            assertThat(guard.isInstalled(environment, GUARD.name())).isTrue();
            String rules = Lab.run(30, "ip", "netns", "exec", Lab.ns(site), "nft", "list", "chain", "inet", "slm_guard", "forward")
                    .orFail("nft list").out();
            assertThat(rules.lines().filter(l -> l.contains("slm:slm-guard-it")).count()).as("two rules, not four").isEqualTo(2);
            assertThat(rules).contains("192.0.2.60", "ipsec0", "drop");
            guard.remove(environment, GUARD.name());
            guard.remove(environment, GUARD.name());
            assertThat(guard.isInstalled(environment, GUARD.name())).isFalse();
        }
    }

    /**
     * Two addresses that moved to site B, one on each of its VM bridges (namespaces plugged in like guests, with the
     * host routes site B sets for an arrived VM): they reach each other through the guard, as two moved VMs must.
     * Without the local route (the address not arrived yet), the same packets head for the WAN in clear and are
     * dropped. Without the local-interfaces setting the guard drops them on the host too (the defect it fixes).
     */
    @Test
    void twoAddressesMovedToTheSameHostReachEachOtherWhatWouldLeaveItIsDropped() throws Exception {
        CleartextGuard moved = new CleartextGuard("slm-guard-local-it", List.of("192.0.2.125/32"), List.of("192.0.2.0/25"));
        try (HostedPair pair = HostedPair.atSiteB(); WanCapture wan = WanCapture.start("guard-local")) {
            guard.install("remote", moved);
            assertThat(pair.ping("192.0.2.125")).as("from a moved address on br-s1 to a guarded one on br-s2").isTrue();
            assertThat(pair.ping("192.0.2.61")).as("and back").isTrue();
            assertThat(rule("site-b", "slm-local:br-s1,br-s2")).contains("accept");
            assertThat(packets("site-b", "slm-local:br-s1,br-s2")).as("passed by the stays-on-host rule").isPositive();

            // as when charon is dead or the VM has not arrived: site B's plain route for the address is the WAN
            pair.siteB("ip", "route", "replace", "192.0.2.125/32", "via", "203.0.113.1", "dev", "wan0");
            assertThat(pair.ping("192.0.2.125")).as("routed to the WAN: dropped").isFalse();
            assertThat(packets("site-b", "slm:slm-guard-local-it")).as("dropped by the guard").isPositive();
            wan.stop();
            assertThat(wan.count("host 192.0.2.125")).as("nothing for the guarded address crossed the WAN").isZero();

            pair.siteB("ip", "route", "replace", "192.0.2.125/32", "dev", "br-s2");
            NftablesTrafficGuard unset = withoutLocalInterfaces();
            unset.install("remote", moved);
            assertThat(rule("site-b", "slm-local:")).as("the setting is gone, so is its rule").isEmpty();
            assertThat(pair.ping("192.0.2.125")).as("without the setting: dropped on the host").isFalse();
            guard.install("remote", moved);
            assertThat(pair.ping("192.0.2.125")).as("the setting back, its rule back").isTrue();
        } finally {
            guard.remove("remote", moved.name());
        }
    }

    @Test
    void aHostThatFiltersBridgedFramesIsRefusedWithTheSettingToChange() {
        String ns = Lab.ns("site-b");
        Lab.Result present = Lab.run(10, "ip", "netns", "exec", ns, "test", "-e", "/proc/sys/net/bridge/bridge-nf-call-iptables");
        if (present.exit() != 0) {
            // this kernel has no br_netfilter: nothing can pass bridged frames to the IP hooks, the guard installs
            guard.install("remote", GUARD);
            assertThat(guard.isInstalled("remote", GUARD.name())).isTrue();
            return;
        }
        Lab.run(10, "ip", "netns", "exec", ns, "sysctl", "-qw", "net.bridge.bridge-nf-call-iptables=1").orFail("sysctl");
        try {
            assertThatThrownBy(() -> guard.install("remote", GUARD)).isInstanceOf(PortException.class)
                    .hasMessageContaining("net.bridge.bridge-nf-call-iptables=0");
            assertThat(guard.isInstalled("remote", GUARD.name())).isFalse();
        } finally {
            Lab.run(10, "ip", "netns", "exec", ns, "sysctl", "-qw", "net.bridge.bridge-nf-call-iptables=0").orFail("sysctl");
        }
    }

    /** The chain's line that carries this comment (or its start), empty when none does. */
    private static String rule(String site, String comment) {
        String rules = Lab.run(30, "ip", "netns", "exec", Lab.ns(site), "nft", "list", "chain", "inet", "slm_guard", "forward")
                .orFail("nft list").out();
        return rules.lines().filter(l -> l.contains("comment \"" + comment)).findFirst().orElse("");
    }

    /** The packets counted by the chain's rules that carry this comment. */
    private static long packets(String site, String comment) {
        String rules = Lab.run(30, "ip", "netns", "exec", Lab.ns(site), "nft", "list", "chain", "inet", "slm_guard", "forward")
                .orFail("nft list").out();
        return rules.lines().filter(l -> l.contains("comment \"" + comment + "\""))
                .map(l -> java.util.regex.Pattern.compile("packets (\\d+)").matcher(l))
                .filter(java.util.regex.Matcher::find).mapToLong(m -> Long.parseLong(m.group(1))).sum();
    }

    private static NftablesTrafficGuard withoutLocalInterfaces() {
        LinuxProperties settings = com.slm.adapter.libvirt.LabSettingsAccess.binder(Map.of())
                .bindOrCreate("slm.linux", LinuxProperties.class);
        LinuxProperties.Guard lab = settings.guard();
        return new NftablesTrafficGuard(new LinuxProperties.Guard(lab.hosts(), lab.mode(), lab.tunInterface(), Map.of()),
                new Commands(settings.commandTimeout(), settings.hosts()));
    }

    /**
     * Two namespaces plugged into site B's bridges like arrived guests: 192.0.2.61 on br-s1 (subnet 1, gateway .1)
     * and 192.0.2.125 on br-s2 (subnet 2, gateway .65), with the host route and the rule that site B's up-client
     * sets for an arrived VM (lab/lib/updown.sh: its address is looked up in the main table, before the SAs' table).
     */
    private record HostedPair(String one, String two) implements AutoCloseable {
        static HostedPair atSiteB() {
            HostedPair pair = new HostedPair(Lab.ns("guard-it-1"), Lab.ns("guard-it-2"));
            pair.close();
            pair.plug(pair.one, "git-1", "br-s1", "192.0.2.61/26", "192.0.2.1", "02:00:00:00:0a:3d");
            pair.plug(pair.two, "git-2", "br-s2", "192.0.2.125/26", "192.0.2.65", "02:00:00:00:0a:7d");
            return pair;
        }

        /** Fixed MACs: site B's neighbour entries of an earlier run stay right. */
        private void plug(String ns, String hostSide, String bridge, String address, String gateway, String mac) {
            Lab.run(10, "ip", "netns", "add", ns).orFail("netns add " + ns);
            Lab.run(10, "ip", "link", "add", hostSide, "netns", Lab.ns("site-b"), "type", "veth", "peer", "name", "eth0",
                    "netns", ns).orFail("veth " + hostSide);
            siteB("ip", "link", "set", hostSide, "master", bridge, "up");
            in(ns, "ip", "link", "set", "lo", "up");
            in(ns, "ip", "link", "set", "eth0", "address", mac);
            in(ns, "ip", "addr", "add", address, "dev", "eth0");
            in(ns, "ip", "link", "set", "eth0", "up");
            in(ns, "ip", "route", "add", "default", "via", gateway);
            String host = address.replace("/26", "");
            siteB("ip", "route", "replace", host + "/32", "dev", bridge);
            siteB("ip", "rule", "add", "pref", "100", "to", host, "lookup", "main");
        }

        boolean ping(String address) {
            String from = address.equals("192.0.2.61") ? two : one;
            return Lab.run(20, "ip", "netns", "exec", from, "ping", "-n", "-c", "3", "-i", "0.3", "-W", "2", address).exit() == 0;
        }

        void siteB(String... command) {
            String[] all = new String[command.length + 4];
            System.arraycopy(new String[]{"ip", "netns", "exec", Lab.ns("site-b")}, 0, all, 0, 4);
            System.arraycopy(command, 0, all, 4, command.length);
            Lab.run(10, all).orFail(String.join(" ", command));
        }

        private static void in(String ns, String... command) {
            String[] all = new String[command.length + 4];
            System.arraycopy(new String[]{"ip", "netns", "exec", ns}, 0, all, 0, 4);
            System.arraycopy(command, 0, all, 4, command.length);
            Lab.run(10, all).orFail(String.join(" ", command));
        }

        @Override
        public void close() {
            for (String host : List.of("192.0.2.61", "192.0.2.125")) {
                Lab.run(10, "ip", "netns", "exec", Lab.ns("site-b"), "ip", "route", "del", host + "/32");
                Lab.run(10, "ip", "netns", "exec", Lab.ns("site-b"), "ip", "rule", "del", "pref", "100", "to", host, "lookup", "main");
            }
            for (String ns : List.of(one, two)) {
                Lab.run(10, "ip", "netns", "del", ns); // takes its veth, and the peer in site B, along
            }
        }
    }
}
