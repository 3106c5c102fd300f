package com.slm.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.slm.lab.Lab;
import com.slm.lab.Sas;
import com.slm.lab.WanCapture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application nodes on one PostgreSQL database (each its own JVM, port and node id), against the lab. A
 * migration is started through node 1, and node 1 is killed with SIGKILL: while the approval waits, and during the
 * live migration (330). Node 2 must finish each migration exactly once, the VM at site B with its SA installed and
 * nothing in clear on the WAN. Node 1 comes back between the cases (same node id). The third point the issue asks
 * for, between 345 and 370, is not here yet: those steps take under a second in the lab, too short to aim a kill
 * at from outside (see docs/cluster.md).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailoverLabIT {
    /** Steps every migration runs; each must have succeeded exactly once. */
    static final List<String> STEPS = List.of("Block315_SelectTargetEnvironment", "RunPreChecks", "Block320_DisableCommunication",
            "Block325_CloseVmAtSource", "InstallIpsecPolicy", "ResumeVmAtTarget", "Block370_EnableCommunication");
    static ProductProcess node1;
    static ProductProcess node2;
    static RunningProduct one;
    static RunningProduct two;

    @BeforeAll
    static void cluster() throws Exception {
        Lab.fresh();
        Map<String, String> database = ClusterDatabase.fresh("slm_cluster");
        node1 = ProductProcess.of("node1", database, "--spring.profiles.include=postgres", "--slm.node.id=node-1");
        node2 = ProductProcess.of("node2", database, "--spring.profiles.include=postgres", "--slm.node.id=node-2");
        one = node1.start(180); // one after the other: the first creates the schema
        two = node2.start(180);
    }

    @BeforeEach
    void nodeOneRuns() throws Exception {
        if (!node1.alive()) {
            one = node1.start(180);
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        for (ProductProcess node : new ProductProcess[]{node1, node2}) {
            if (node != null) {
                node.kill();
            }
        }
    }

    @Test
    @Order(1)
    void nodeOneDiesWhileTheApprovalWaits() throws Exception {
        try (WanCapture wan = WanCapture.start("cluster-approval")) {
            String id = new Migrations(one).start("operator", "app");
            Migrations onTwo = new Migrations(two);
            onTwo.awaitTask("approver", id);
            node1.kill();
            onTwo.approve("approver", id);
            finishedOnNodeTwo("app", id, null, wan);
        }
    }

    @Test
    @Order(2)
    void nodeOneDiesDuringTheLiveMigration() throws Exception {
        try (WanCapture wan = WanCapture.start("cluster-330")) {
            Migrations onOne = new Migrations(one);
            String id = onOne.start("operator", "web");
            onOne.approve("approver", id);
            awaitAnyActivity(id, List.of("Block330_LiveMigrate"), 300);
            node1.kill();
            finishedOnNodeTwo("web", id, "192.0.2.64/26", wan);
        }
    }

    /** Node 2 completes the migration once; the VM runs at site B only, its SA installed, nothing was in clear. */
    private static void finishedOnNodeTwo(String vm, String id, String subnet, WanCapture wan) throws Exception {
        Instant killed = Instant.now();
        Migrations onTwo = new Migrations(two);
        boolean learned = false;
        JsonNode end = null;
        long deadline = System.currentTimeMillis() + 600_000;
        while (end == null && System.currentTimeMillis() < deadline) {
            JsonNode instance = onTwo.history(id);
            if (instance.hasNonNull("endTime")) {
                end = instance;
            } else if (subnet != null && !learned && activeActivities(id).contains("WaitForRoutingCore")) {
                Lab.lab(30, "core-learn", subnet).orFail("core-learn " + subnet);
                learned = true;
            }
            Thread.sleep(500);
        }
        assertThat(end).as("node 2 ended migration " + id + " of " + vm + " within 10 min").isNotNull();
        System.out.printf("CLUSTER %s: node 2 finished %d s after node 1 was killed%n", vm,
                Duration.between(killed, Instant.now()).toSeconds());
        assertThat(end.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(onTwo.variable(id, "outcome").asText()).isEqualTo("COMPLETED");
        assertThat(two.get("admin", "/engine-rest/history/process-instance?processInstanceBusinessKey=" + vm)).hasSize(1);
        onTwo.assertEachStepSucceededOnce(id, STEPS);
        assertThat(Lab.runningGuests("site-b")).contains(vm);
        assertThat(Lab.runningGuests("site-a")).doesNotContain(vm);
        Sas.awaitInstalledOnBoth("slm-vm-" + vm, Instant.now(), 30);
        Lab.awaitRecords("db", vm.equals("db") ? "app" : vm, "stream", Instant.now(), 120);
        wan.stop();
        assertThat(wan.count(FailClosedLabIT.CLEAR)).as("nothing in clear on the WAN").isZero();
    }

    /** Polls node 2 every 200 ms until the migration is at one of these activities. */
    private static void awaitAnyActivity(String id, List<String> activities, int seconds) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (System.currentTimeMillis() < deadline) {
            String active = activeActivities(id);
            if (activities.stream().anyMatch(active::contains)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("migration " + id + " never reached any of " + activities);
    }

    private static String activeActivities(String id) {
        return two.get("admin", "/engine-rest/process-instance/" + id + "/activity-instances").toString();
    }
}
