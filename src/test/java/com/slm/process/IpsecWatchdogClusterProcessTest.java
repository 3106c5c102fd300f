package com.slm.process;

import com.slm.adapter.strongswan.IpsecNode;
import com.slm.adapter.strongswan.vici.FakeCharons;
import com.slm.cluster.LeaseLostException;
import com.slm.cluster.NodeLeases;
import com.slm.port.Topology;
import com.slm.domain.SaDetails;
import com.slm.domain.VmPolicy;
import com.slm.process.fixtures.AtOnce;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The IPsec watchdog of two nodes on one database (H2 here, PostgreSQL in the build's postgres run), each with its
 * own VICI connections and in-memory lock, against two fake charons (the real ones are in the lab tests): of two
 * nodes that find the same kept CHILD_SA missing, only the one that gets the connection's lease brings it back, so
 * it is never initiated twice nor left duplicated; a lease left by a node that died is taken over once it expires;
 * without the database there is no repair; a step waits while another node repairs its connection.
 */
@ExtendWith(OutputCaptureExtension.class)
class IpsecWatchdogClusterProcessTest extends ClusterProcessTestSupport {
    private static final String CONN = "slm-secure-remote";
    private static final String CHILD = "slm-vm-app";
    private static final String LEASE = "ipsec:" + CONN;
    private static final List<String> SECURE_TS = List.of("192.0.2.0/26", "192.0.2.64/26");
    private static final List<String> APP_TS = List.of("192.0.2.11/32");
    @Autowired
    Topology environments;

    Path dir;
    Path psk;
    FakeCharons charons;
    IpsecNode one;
    IpsecNode two;
    NodeLeases leasesOfTwo;

    @BeforeEach
    void twoNodesAndTheChildSaOfAppKept() throws Exception {
        dir = Files.createTempDirectory("slm-cluster-charons");
        psk = Files.writeString(dir.resolve("psk"), "Psk-cluster-3b9d-test-only");
        // charon takes a while to establish a CHILD_SA: long enough for the other node to look meanwhile
        charons = new FakeCharons(dir, Duration.ofMillis(400));
        charons.loaded(CONN, CHILD, SECURE_TS, APP_TS);
        leasesOfTwo = leasesOf("node-2");
        one = new IpsecNode(charons, psk, jdbc, transactions, leasesOf("node-1"), environments);
        two = new IpsecNode(charons, psk, jdbc, transactions, leasesOfTwo, environments);
        cleanTables();
        jdbc.update("INSERT INTO slm_ipsec_child (conn, child, secure_environment, target_environment, secure_ts, target_ts, "
                + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", CONN, CHILD, "secure", "remote", String.join(",", SECURE_TS),
                String.join(",", APP_TS), Timestamp.from(Instant.now()));
    }

    /** The database may be shared with other test classes (PostgreSQL): only this test's rows go. */
    @AfterEach
    void stopNodes() throws Exception {
        one.close();
        two.close();
        charons.close();
        cleanTables();
    }

    @Test
    void ofTwoNodesThatFindTheSameChildSaMissingOnlyOneBringsItBack() throws Exception {
        for (int round = 1; round <= 5; round++) {
            charons.lose(CONN, CHILD);
            List<Integer> healed = AtOnce.run(one::watchdogPass, two::watchdogPass);
            assertThat(healed.get(0) + healed.get(1)).as("round %d: one node brought it back (node 1: %d, node 2: %d)",
                    round, healed.get(0), healed.get(1)).isEqualTo(1);
            assertThat(charons.initiates(CHILD)).as("round %d: initiated once", round).isEqualTo(round);
            assertThat(charons.installed(CONN, CHILD)).as("round %d: no duplicate CHILD_SA", round).isEqualTo(1);
            assertThat(leaseHolder()).as("round %d: the lease was given up after the repair", round).isNull();
        }
        assertThat(charons.mostInitiatesAtOnce()).isEqualTo(1);
        AtOnce.run(one::watchdogPass, two::watchdogPass);
        assertThat(one.seenMissing()).as("both nodes' health sees it up").isEmpty();
        assertThat(two.seenMissing()).isEmpty();
    }

    @Test
    void aLeaseLeftByANodeThatDiedIsTakenOverOnceItExpires() {
        NodeLeases dead = leasesOf("node-3");
        assertThat(dead.take(LEASE, MINUTE)).as("node 3 started a repair, and died").isTrue();

        assertThat(one.watchdogPass()).isZero();
        assertThat(two.watchdogPass()).isZero();
        assertThat(charons.initiates(CHILD)).as("left to the lease's holder").isZero();
        assertThat(one.seenMissing()).as("still watched: the health reports it").containsExactly(CONN + "/" + CHILD);

        expire(LEASE);
        assertThat(one.watchdogPass()).isEqualTo(1);
        assertThat(charons.installed(CONN, CHILD)).isEqualTo(1);
        assertThat(two.watchdogPass()).isZero();
        assertThat(charons.initiates(CHILD)).isEqualTo(1);
        assertThatThrownBy(() -> dead.keep(LEASE, MINUTE)).as("were node 3 only paused, it stops at its next renewal")
                .isInstanceOf(LeaseLostException.class);
    }

    @Test
    void withoutTheDatabaseNoNodeRepairs(CapturedOutput output) {
        // the kept CHILD_SAs were read, then the database stopped answering: no lease, so no repair (the guard drops
        // the VM's traffic meanwhile; nothing goes out in clear)
        DriverManagerDataSource nowhere = new DriverManagerDataSource("jdbc:h2:tcp://127.0.0.1:1/nowhere", "sa", "");
        NodeLeases cut = new NodeLeases(new JdbcTemplate(nowhere), new DataSourceTransactionManager(nowhere), "node-1");
        try (IpsecNode cutOff = new IpsecNode(charons, psk, jdbc, transactions, cut, environments)) {
            assertThat(cutOff.watchdogPass()).isZero();
        }
        assertThat(charons.initiates(CHILD)).isZero();
        assertThat(output.getAll()).contains("IPsec recovery of " + CONN + " skipped: its lease needs the database");
    }

    @Test
    void aStepWaitsWhileAnotherNodeRepairsItsConnection() throws Exception {
        assertThat(leasesOfTwo.take(LEASE, MINUTE)).as("node 2 repairs the connection").isTrue();
        ExecutorService repairEnds = Executors.newSingleThreadExecutor();
        try {
            repairEnds.submit(() -> {
                Thread.sleep(1000);
                leasesOfTwo.release(LEASE);
                return null;
            });
            long started = System.nanoTime();
            List<SaDetails> sas = one.port().installVmPolicy(new VmPolicy(CHILD, "192.0.2.11", SECURE_TS, "secure", "remote"));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("waited for node 2").isGreaterThanOrEqualTo(Duration.ofMillis(900));
            assertThat(sas).extracting(SaDetails::gateway).containsExactlyInAnyOrder("secure", "remote");
        } finally {
            repairEnds.shutdownNow();
        }
        assertThat(charons.initiates(CHILD)).isEqualTo(1);
        assertThat(charons.installed(CONN, CHILD)).isEqualTo(1);
        assertThat(leaseHolder()).isNull();
        assertThat(two.watchdogPass()).isZero();
    }


    private String leaseHolder() {
        return leasesOfTwo.holder(LEASE).orElse(null);
    }

    private void cleanTables() {
        jdbc.update("DELETE FROM slm_ipsec_child WHERE conn = ?", CONN);
        forget(LEASE);
    }
}
