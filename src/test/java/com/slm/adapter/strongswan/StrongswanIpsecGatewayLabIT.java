package com.slm.adapter.strongswan;

import com.fasterxml.jackson.databind.JsonNode;
import com.slm.adapter.linux.LinuxAdapters;
import com.slm.adapter.strongswan.vici.ViciCommandException;
import com.slm.adapter.strongswan.vici.ViciTerminate;
import com.slm.adapter.properties.PropertiesTopology;
import com.slm.adapter.properties.TopologyProperties;
import com.slm.domain.ObservedConnection;
import com.slm.domain.RouteObservation;
import com.slm.domain.SaDetails;
import com.slm.domain.SubnetTunnel;
import com.slm.domain.VmPolicy;
import com.slm.lab.Lab;
import com.slm.lab.WanCapture;
import com.slm.port.ConnectionInventory;
import com.slm.port.PortException;
import com.slm.port.RoutingCore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.context.properties.bind.Binder;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The IPsec adapter, the connection inventory and the routing core against the lab's real charons, guests and
 * core router. app is moved to site B (virsh, TLS) for the class; each test installs what it needs (every call is
 * idempotent), so any order passes.
 */
@TestMethodOrder(MethodOrderer.Random.class)
class StrongswanIpsecGatewayLabIT {
    static final VmPolicy APP = new VmPolicy("slm-vm-app", "192.0.2.11", List.of("192.0.2.0/26", "192.0.2.64/26"), "secure", "remote");
    static final String LEGACY = "198.51.100.10";

    static ViciGateways vici;
    static StrongswanIpsecGateway gateway;
    static ConnectionInventory inventory;
    static RoutingCore core;

    @BeforeAll
    static void setUp() throws InterruptedException {
        Lab.fresh();
        Binder binder = com.slm.adapter.libvirt.LabSettingsAccess.binder(Map.of());
        StrongswanProperties settings = binder.bind("slm.strongswan", StrongswanProperties.class).get();
        TopologyProperties topology = binder.bind("slm", TopologyProperties.class).get();
        vici = new ViciGateways(settings);
        gateway = KeptChildrenDatabase.gateway(vici, settings, new PropertiesTopology(topology));
        inventory = LinuxAdapters.inventory(binder);
        core = LinuxAdapters.routingCore(binder);
        Lab.virsh("site-a", "migrate", "--live", "--p2p", "--tls", "--persistent", "--undefinesource", "app",
                "qemu+tls://203.0.113.2/system?pkipath=" + Lab.STATE.resolve("pki/libvirt-client"),
                "--migrateuri", "tcp://203.0.113.2").orFail("move app to site B");
    }

    @AfterAll
    static void tearDown() {
        try {
            if (gateway != null) {
                gateway.removeSubnetTunnel(new SubnetTunnel("slm-subnet-192-0-2-64-26", "192.0.2.64/26", "secure", "remote"));
                unloadConnection();
            }
        } finally {
            Lab.lab(30, "core-forget", "192.0.2.64/26");
            Lab.lab(60, "charon-start", "site-b");
            if (Lab.runningGuests("site-b").contains("app")) {
                Lab.virsh("site-b", "migrate", "--live", "--p2p", "--tls", "--persistent", "--undefinesource", "app",
                        "qemu+tls://203.0.113.1/system?pkipath=" + Lab.STATE.resolve("pki/libvirt-client"),
                        "--migrateuri", "tcp://203.0.113.1").orFail("bring app home");
            }
            if (vici != null) {
                vici.close();
            }
        }
    }

    /** The port has no VM policy removal (the product never removes one): unload the whole connection from both charons. */
    private static void unloadConnection() {
        String conn = StrongswanIpsecGateway.connection("secure", "remote");
        for (String environment : List.of("secure", "remote")) {
            vici.call(environment, "unload " + conn, c -> {
                if (c.getConns().contains(conn)) {
                    try {
                        c.terminate(ViciTerminate.ike(conn).withForce(true).withTimeout(Duration.ofSeconds(2)));
                    } catch (ViciCommandException noIkeSa) {
                        // nothing established: only the configuration to unload
                    }
                    c.unloadConn(conn);
                }
                return null;
            });
        }
    }

    @Test
    void probesBothGateways() {
        assertThat(gateway.probe("secure").passed()).isTrue();
        assertThat(gateway.probe("remote").detail()).contains("charon");
        assertThat(gateway.probe("nowhere").passed()).isFalse();
    }

    @Test
    void theVmPolicyComesUpOnBothGatewaysAndGuestTrafficCrossesTheWanOnlyAsEsp() throws Exception {
        List<SaDetails> sas = gateway.installVmPolicy(APP);
        assertThat(sas).extracting(SaDetails::gateway).contains("secure", "remote");
        assertThat(sas).allMatch(sa -> "INSTALLED".equals(sa.state()) && !sa.spiIn().isEmpty());
        System.out.println("VM policy SAs: " + sas);

        List<SaDetails> again = gateway.installVmPolicy(APP);
        assertThat(again).as("re-running changes nothing").hasSize(sas.size());
        assertThat(again).extracting(SaDetails::spiIn).containsExactlyInAnyOrderElementsOf(sas.stream().map(SaDetails::spiIn).toList());

        Instant installed = Instant.now();
        try (WanCapture capture = WanCapture.start("policy")) {
            awaitRecords("db", "app", "stream", installed);
            Thread.sleep(3000);
            capture.stop();
            assertThat(capture.count("esp or udp port 4500")).as("ESP on the WAN").isPositive();
            // (app's session to the legacy peer is not covered yet: it is the insecure connection of the next step)
            assertThat(capture.count("src net 192.0.2.0/24 and dst net 192.0.2.0/24"))
                    .as("no packet between guests in clear on the WAN").isZero();
        }
    }

    @Test
    void thePlaintextSessionToTheLegacyPeerIsFoundResetAndComesBackOnlyThroughIpsec() throws Exception {
        gateway.installVmPolicy(APP);
        List<ObservedConnection> sessions = inventory.connectionsOf("app", "192.0.2.11");
        ObservedConnection legacy = sessions.stream().filter(c -> c.localAddress().equals(LEGACY)).findFirst()
                .orElseThrow(() -> new AssertionError("no legacy session of app seen: " + sessions));
        assertThat(gateway.sasCovering(legacy.localAddress(), legacy.remoteAddress())).as("insecure before").isEmpty();

        List<SaDetails> extended = gateway.extendVmPolicy(APP, LEGACY);
        assertThat(extended).isNotEmpty();
        assertThat(gateway.sasCovering(legacy.localAddress(), legacy.remoteAddress())).as("covered after").isNotEmpty();
        String before = Files.readString(Lab.STATE.resolve("console/legacy.log"));
        assertThat(inventory.reset("app", legacy)).isTrue();
        assertThat(inventory.reset("app", legacy)).as("a second reset finds nothing").isFalse();

        try (WanCapture capture = WanCapture.start("legacy")) {
            long deadline = System.currentTimeMillis() + 30_000;
            String after = before;
            while (System.currentTimeMillis() < deadline && !after.substring(before.length()).contains("accept 192.0.2.11")) {
                Thread.sleep(500);
                after = Files.readString(Lab.STATE.resolve("console/legacy.log"));
            }
            assertThat(after.substring(before.length())).as("app reconnected to the legacy service").contains("accept 192.0.2.11");
            Thread.sleep(2000);
            capture.stop();
            assertThat(capture.count("host " + LEGACY + " and not udp port 4500 and not esp"))
                    .as("the new session never crosses the WAN in clear").isZero();
        }
        ObservedConnection renewed = inventory.connectionsOf("app", "192.0.2.11").stream()
                .filter(c -> c.localAddress().equals(LEGACY)).findFirst().orElseThrow();
        assertThat(gateway.sasCovering(renewed.localAddress(), renewed.remoteAddress())).isNotEmpty();
    }

    @Test
    void theSubnetTunnelComesUpAndGoesAfterTheCoreLearnedTheRoute() {
        gateway.installVmPolicy(APP);
        Lab.lab(30, "core-forget", "192.0.2.64/26");
        SubnetTunnel tunnel = new SubnetTunnel("slm-subnet-192-0-2-64-26", "192.0.2.64/26", "secure", "remote");
        List<SaDetails> sas = gateway.establishSubnetTunnel(tunnel);
        assertThat(sas).extracting(SaDetails::remoteTs).anySatisfy(ts -> assertThat(ts).contains("192.0.2.64/26"));
        RouteObservation before = core.routeLearned("192.0.2.64/26", "remote");
        assertThat(before.learned()).as(before.detail()).isFalse();

        Lab.lab(30, "core-learn", "192.0.2.64/26").orFail("core-learn");
        RouteObservation after = core.routeLearned("192.0.2.64/26", "remote");
        assertThat(after.learned()).as(after.detail()).isTrue();

        gateway.removeSubnetTunnel(tunnel);
        gateway.removeSubnetTunnel(tunnel);
        assertThat(gateway.sasCovering("192.0.2.74", "192.0.2.10")).noneMatch(sa -> sa.childSa().startsWith(tunnel.name()));
        assertThat(gateway.sasCovering("192.0.2.11", "192.0.2.10")).as("the VM policy stays").isNotEmpty();
    }

    @Test
    void aStoppedCharonGivesAClearRetryableErrorAndWorkAgainAfterItsRestart() {
        Lab.lab(60, "charon-stop", "site-b").orFail("charon-stop");
        assertThatThrownBy(() -> gateway.installVmPolicy(APP))
                .isInstanceOf(PortException.class)
                .hasMessageContaining("charon of remote")
                .matches(e -> ((PortException) e).isRetryable());
        assertThat(gateway.probe("remote").passed()).isFalse();
        Lab.lab(60, "charon-start", "site-b").orFail("charon-start");
        assertThat(gateway.installVmPolicy(APP)).extracting(SaDetails::gateway).contains("secure", "remote");
    }

    static void awaitRecords(String receiver, String sender, String kind, Instant since) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode record = Lab.gap(Lab.gaps("--since", String.valueOf(since.getEpochSecond())), receiver, sender, kind);
            if (record != null && record.get("records").asInt() >= 3) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(receiver + " receives no " + kind + " from " + sender + " since " + since
                + "\n" + Lab.lab(30, "status").out());
    }
}
