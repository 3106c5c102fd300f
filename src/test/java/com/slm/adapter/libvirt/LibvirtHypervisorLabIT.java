package com.slm.adapter.libvirt;

import com.fasterxml.jackson.databind.JsonNode;
import com.slm.adapter.properties.PropertiesTopology;
import com.slm.adapter.properties.TopologyProperties;
import com.slm.domain.HostEndpoints;
import com.slm.domain.CheckResult;
import com.slm.domain.HostRef;
import com.slm.domain.MigrationProgress;
import com.slm.domain.MigrationRequest;
import com.slm.domain.MigrationState;
import com.slm.domain.VmLifecycleEvent;
import com.slm.domain.VmPlacement;
import com.slm.lab.Lab;
import com.slm.port.PortException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The libvirt adapter against the lab's real libvirtd + QEMU on both sites. */
class LibvirtHypervisorLabIT {
    static final HostRef A = new HostRef("secure", "site-a");
    static final HostRef B = new HostRef("remote", "site-b");

    final List<VmLifecycleEvent> events = new CopyOnWriteArrayList<>();
    LibvirtHypervisor hypervisor;
    LibvirtConnections connections;

    /**
     * From the lab's initial state, whatever ran before: a class that moved app through the product leaves site A
     * answering for app's address (proxy ARP, its SA's routes), and db's replies to app would then head for site B.
     */
    @BeforeAll
    static void lab() throws InterruptedException {
        Lab.fresh();
    }

    @BeforeEach
    void adapter() {
        bringAppHome();
        connections = connections(Map.of());
        hypervisor = new LibvirtHypervisor(connections, LabSettings.topology(Map.of()), LabSettings.libvirt(Map.of()));
    }

    @AfterEach
    void home() {
        connections.close();
        bringAppHome();
    }

    @Test
    void preChecksPassForAppAndTheMemoryCheckFailsWithAnImpossibleMargin() {
        List<CheckResult> results = hypervisor.preCheck(request(null));
        assertThat(results).as(results.toString()).allMatch(CheckResult::passed);
        assertThat(results).extracting(CheckResult::name).contains("vm-at-source", "not-at-target", "target-memory",
                "cpu-compatible", "target-reachable", "migration-tls");

        LibvirtConnections tight = connections(Map.of("slm.libvirt.memory-margin-mib", "100000000"));
        try {
            var strict = new LibvirtHypervisor(tight, LabSettings.topology(Map.of()),
                    LabSettings.libvirt(Map.of("slm.libvirt.memory-margin-mib", "100000000")));
            CheckResult memory = strict.preCheck(request(null)).stream().filter(r -> r.name().equals("target-memory")).findFirst().orElseThrow();
            assertThat(memory.passed()).isFalse();
            assertThat(memory.detail()).contains("MiB free").contains("100000000 MiB margin");
        } finally {
            tight.close();
        }
        CheckResult missing = hypervisor.preCheck(new MigrationRequest("nosuchvm", A, B, "t", null, null, false, null))
                .stream().filter(r -> r.name().equals("vm-at-source")).findFirst().orElseThrow();
        assertThat(missing.passed()).isFalse();
    }

    @Test
    void blockingTheLinksStopsTheGuestsTrafficAndUnblockingResumesIt() throws Exception {
        hypervisor.blockTraffic(A, "app");
        hypervisor.blockTraffic(A, "app");
        assertThat(Lab.linkStates("site-a", "app")).isNotEmpty().containsOnly("down");
        Instant blocked = Instant.now();
        Thread.sleep(4000);
        // a full second of grace for lines already on their way when the link went down: the report takes whole
        // seconds, and blocked.getEpochSecond() + 1 could start the window a few milliseconds after the block
        long since = (blocked.toEpochMilli() + 1999) / 1000;
        JsonNode during = Lab.gaps("--since", String.valueOf(since), "--until", String.valueOf(Instant.now().getEpochSecond()));
        JsonNode stream = Lab.gap(during, "db", "app", "stream");
        assertThat(stream == null || stream.get("records").asInt() == 0).as("db received nothing from app while blocked: " + stream).isTrue();

        hypervisor.unblockTraffic(A, "app");
        hypervisor.unblockTraffic(A, "app");
        assertThat(Lab.linkStates("site-a", "app")).isNotEmpty().containsOnly("up");
        Instant unblocked = Instant.now();
        awaitRecords("db", "app", "stream", unblocked);
    }

    @Test
    void migratesOverTlsKeepsTheVmPausedUntilResumedAndRecordsTheFigures() throws Exception {
        MigrationRequest request = request(null);
        hypervisor.startMigration(request);
        MigrationProgress done = awaitState(hypervisor, request, MigrationState.COMPLETED, 120);
        assertThat(hypervisor.locate(request)).isEqualTo(VmPlacement.PAUSED_AT_TARGET);
        assertThat(done.elapsedMs()).isPositive();
        assertThat(done.downtimeMs()).isPositive();
        assertThat(done.dataSentBytes()).isPositive();
        // another reader (the migrations page, a visit of block 330 run again) sees the same figures: reading keeps them
        MigrationProgress readAgain = hypervisor.migrationProgress(request);
        assertThat(readAgain.downtimeMs()).isEqualTo(done.downtimeMs());
        assertThat(readAgain.elapsedMs()).isEqualTo(done.elapsedMs());
        System.out.printf("migration A -> B: elapsed %d ms, downtime %d ms, data %d MiB%n",
                done.elapsedMs(), done.downtimeMs(), done.dataSentBytes() >> 20);
        hypervisor.startMigration(request);
        assertThat(Lab.runningGuests("site-b")).as("a second start does nothing").containsExactly("app");

        hypervisor.resumeAtTarget(request);
        hypervisor.resumeAtTarget(request);
        assertThat(hypervisor.locate(request)).isEqualTo(VmPlacement.RUNNING_AT_TARGET);
        assertThat(Lab.virsh("site-b", "domstate", "app").out()).contains("running");
        Thread.sleep(500);
        assertThat(events).extracting(VmLifecycleEvent::event).anyMatch(e -> e.contains("MIGRATED"));

        // and back, the same way
        MigrationRequest back = new MigrationRequest("app", B, A, "home", null, null, false, null);
        hypervisor.startMigration(back);
        awaitState(hypervisor, back, MigrationState.COMPLETED, 120);
        hypervisor.resumeAtTarget(back);
        assertThat(Lab.runningGuests("site-a")).contains("app");
    }

    @Test
    void refusesToMigrateInClearToAnUntrustedEnvironment() {
        var inClear = new LibvirtHypervisor(connections, withClearMigrationToSiteB(), LabSettings.libvirt(Map.of()));
        assertThatThrownBy(() -> inClear.startMigration(request(null)))
                .isInstanceOf(PortException.class)
                .hasMessageContaining("Refusing to migrate VM 'app' in clear to the untrusted environment 'remote'")
                .matches(e -> !((PortException) e).isRetryable());
        assertThat(hypervisor.locate(request(null))).isEqualTo(VmPlacement.RUNNING_AT_SOURCE);
        assertThat(inClear.preCheck(request(null))).filteredOn(r -> r.name().equals("migration-tls"))
                .allMatch(r -> !r.passed());
    }

    @Test
    void abortsAThrottledMigrationAndTheVmKeepsRunningAtTheSource() {
        MigrationRequest slow = request(1);
        hypervisor.startMigration(slow);
        assertThat(hypervisor.migrationProgress(slow).state()).isEqualTo(MigrationState.RUNNING);
        hypervisor.abortMigration(slow);
        assertThat(hypervisor.locate(slow)).isEqualTo(VmPlacement.RUNNING_AT_SOURCE);
        assertThat(hypervisor.migrationProgress(slow).state()).isIn(MigrationState.FAILED, MigrationState.NOT_STARTED);
        assertThat(Lab.runningGuests("site-b")).isEmpty();
        hypervisor.abortMigration(slow);
    }

    @Test
    void aRestartedAdapterFindsTheRunningMigrationAndNeverStartsASecondOne() throws Exception {
        MigrationRequest slow = request(16);
        hypervisor.startMigration(slow);
        // The application "dies": a new adapter with new connections and no memory of the job.
        LibvirtConnections fresh = connections(Map.of());
        try {
            var restarted = new LibvirtHypervisor(fresh, LabSettings.topology(Map.of()), LabSettings.libvirt(Map.of()));
            assertThat(restarted.locate(slow)).isEqualTo(VmPlacement.MIGRATING);
            assertThat(restarted.migrationProgress(slow).state()).isEqualTo(MigrationState.RUNNING);
            restarted.startMigration(slow);
            MigrationProgress done = awaitState(restarted, slow, MigrationState.COMPLETED, 180);
            assertThat(done.state()).isEqualTo(MigrationState.COMPLETED);
            assertThat(restarted.locate(slow)).isEqualTo(VmPlacement.PAUSED_AT_TARGET);
            String log = Lab.run(10, "grep", "-c", "migrate", Lab.STATE.resolve("site-a/log/libvirtd.log").toString()).out();
            System.out.println("libvirtd log lines mentioning migrate: " + log.trim());
        } finally {
            fresh.close();
        }
    }

    @Test
    void reconnectsAfterALibvirtdRestart() {
        assertThat(hypervisor.locate(request(null))).isEqualTo(VmPlacement.RUNNING_AT_SOURCE);
        Lab.lab(120, "libvirtd-restart", "site-a").orFail("libvirtd-restart");
        // the shared connection died with the daemon: the next call opens a new one
        long deadline = System.currentTimeMillis() + 30_000;
        VmPlacement placement = null;
        while (placement == null && System.currentTimeMillis() < deadline) {
            try {
                placement = hypervisor.locate(request(null));
            } catch (PortException e) {
                assertThat(e.getMessage()).contains("libvirt on secure/site-a");
                assertThat(e.isRetryable()).isTrue();
            }
        }
        assertThat(placement).isEqualTo(VmPlacement.RUNNING_AT_SOURCE);
        assertThat(Lab.linkStates("site-a", "app")).isNotEmpty().containsOnly("up");
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** The lab's settings, but site B's migration URI in clear (tcp://). */
    static PropertiesTopology withClearMigrationToSiteB() {
        var base = LabSettings.topologyProperties(Map.of());
        var environments = new java.util.HashMap<>(base.environments());
        var remote = environments.get("remote");
        var hosts = new java.util.HashMap<>(remote.hosts());
        var siteB = hosts.get("site-b");
        hosts.put("site-b", new HostEndpoints(siteB.libvirtUri(), siteB.peerUri(), "tcp://203.0.113.2"));
        environments.put("remote", new TopologyProperties.Environment(remote.displayName(), remote.trusted(),
                remote.subnets(), hosts, remote.reachableNetworks()));
        return new PropertiesTopology(new TopologyProperties(environments, base.vms()));
    }

    LibvirtConnections connections(Map<String, Object> overrides) {
        LibvirtEvents libvirtEvents = new LibvirtEvents(event -> {
            if (event instanceof VmLifecycleEvent e) {
                events.add(e);
            }
        });
        libvirtEvents.start();
        return new LibvirtConnections(LabSettings.topology(overrides), LabSettings.libvirt(overrides), libvirtEvents);
    }

    static MigrationRequest request(Integer bandwidth) {
        return new MigrationRequest("app", A, B, "lab test", bandwidth, 300, false, null);
    }

    static MigrationProgress awaitState(LibvirtHypervisor hypervisor, MigrationRequest request, MigrationState state, int seconds)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        MigrationProgress progress = null;
        while (System.currentTimeMillis() < deadline) {
            progress = hypervisor.migrationProgress(request);
            if (progress.state() == state) {
                return progress;
            }
            if (progress.state() == MigrationState.FAILED) {
                throw new AssertionError("migration failed: " + progress.detail());
            }
            Thread.sleep(500);
        }
        throw new AssertionError("migration not " + state + " after " + seconds + " s: " + progress);
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
        throw new AssertionError(receiver + " receives no " + kind + " from " + sender + " since " + since);
    }

    /** Whatever a test did, app ends running at site A with its links up. */
    static void bringAppHome() {
        for (String site : List.of("site-a", "site-b")) {
            if (Lab.virsh(site, "domjobinfo", "app").out().contains("Unbounded")) {
                Lab.virsh(site, "domjobabort", "app");
            }
        }
        if (Lab.runningGuests("site-b").contains("app")) {
            Lab.virsh("site-b", "resume", "app");
            Lab.virsh("site-b", "migrate", "--live", "--p2p", "--tls", "--persistent", "--undefinesource", "app",
                    "qemu+tls://203.0.113.1/system?pkipath=" + Lab.STATE.resolve("pki/libvirt-client"),
                    "--migrateuri", "tcp://203.0.113.1").orFail("bring app home");
        }
        if (Lab.virsh("site-a", "domjobinfo", "app").out().contains("Unbounded")) {
            Lab.virsh("site-a", "domjobabort", "app");
        }
        String xml = Lab.virsh("site-a", "dumpxml", "app").orFail("dumpxml app").out();
        if (xml.contains("state='down'")) {
            Lab.virsh("site-a", "domif-setlink", "app", "52:54:00:00:02:11", "up").orFail("app link up");
        }
        if (Lab.virsh("site-a", "domstate", "app").out().contains("paused")) {
            Lab.virsh("site-a", "resume", "app");
        }
    }
}
