package com.slm.adapter.linux;

import com.slm.domain.CleartextGuard;
import com.slm.lab.Lab;
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
}
