package com.slm.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.slm.lab.Lab;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.Set;

import static com.slm.domain.ProcessVariables.APPROVAL_TASK;
import static com.slm.domain.ProcessVariables.APPROVER;
import static com.slm.domain.ProcessVariables.BLACKOUT_MS;
import static com.slm.domain.ProcessVariables.CONNECTION_ACTIONS;
import static com.slm.domain.ProcessVariables.INSECURE_CONNECTIONS;
import static com.slm.domain.ProcessVariables.MIGRATION_DOWNTIME_MS;
import static com.slm.domain.ProcessVariables.OUTCOME;
import static com.slm.domain.ProcessVariables.ROUTE_LEARNED;
import static com.slm.domain.ProcessVariables.TUNNEL_SAS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product end to end in the lab, driven through REST as Tasklist drives it: an operator starts, an approver
 * approves, and the process runs every block on the real adapters (libvirt + QEMU, charon, ss, the core). The
 * product's whole log (its log file, written from before it starts) holds no secret, and names the migration on the
 * lines of libvirt's migration thread. Each test needs only the lab as {@code Lab.fresh()} leaves it: any order passes.
 */
@TestMethodOrder(MethodOrderer.Random.class)
class SecureMigrationEndToEndLabIT {
    /** The product's log file, in a folder of this run's own (logback creates it before the first line). */
    static final Path log = Path.of(System.getProperty("java.io.tmpdir"), "slm-e2e-log-" + UUID.randomUUID(), "slm.log");
    @RegisterExtension
    static final LabProduct LAB = LabProduct.fresh("--logging.file.name=" + log);

    @Test
    void appMovesToSiteBThroughEveryBlockWithNothingInClearOnTheWan() throws Exception {
        Instant started = Instant.now();
        String legacyBefore = Files.readString(Lab.STATE.resolve("console/legacy.log"));
        Migrations.Ended moved = LAB.migrations().appWithNothingInClear("strict", "e2e-app");
        String id = moved.id();
        JsonNode end = moved.instance();

        assertThat(end.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(LAB.migrations().activities(id).stream().anyMatch(Migrations.activity("Block395_End")))
                .as("ended at block 395").isTrue();
        assertThat(end.get("startUserId").asText()).isEqualTo("operator");
        assertThat(LAB.migrations().variable(id, OUTCOME).asText()).isEqualTo("COMPLETED");
        assertThat(LAB.migrations().variable(id, APPROVER).asText()).isEqualTo("approver");
        assertThat(Lab.runningGuests("site-b")).contains("app").doesNotContain("db");
        assertThat(Lab.runningGuests("site-a")).contains("db").doesNotContain("app");

        // the insecure non-managed session: found, reset, and back only through IPsec (the capture above)
        assertThat(LAB.migrations().variable(id, INSECURE_CONNECTIONS).asText()).contains("198.51.100.10");
        assertThat(LAB.migrations().variable(id, CONNECTION_ACTIONS).asText()).contains("198.51.100.10").contains("session reset");
        String legacyAfter = Files.readString(Lab.STATE.resolve("console/legacy.log")).substring(legacyBefore.length());
        assertThat(legacyAfter).contains("accept 192.0.2.11");

        List<JsonNode> activities = LAB.migrations().activities(id);
        for (String block : List.of("Block310_SelectVm", "Block315_SelectTargetEnvironment", "Block320_DisableCommunication",
                "Block325_CloseVmAtSource", "Block330_LiveMigrate", "Block335_WholeSubnetMoved",
                "Block345_RestartWithIpsecPolicy", "Block355_NonManagedConnections", "Block360_ListSecureConnections",
                "Block365_ResetInsecureConnections", "Block370_EnableCommunication", "Block375_WholeSubnetMoved",
                "Block395_End")) {
            JsonNode activity = activities.stream().filter(Migrations.activity(block)).findFirst()
                    .orElseThrow(() -> new AssertionError(block + " is not in the history"));
            assertThat(activity.hasNonNull("startTime") && activity.hasNonNull("endTime")).as(block + " start and end").isTrue();
        }
        JsonNode approval = activities.stream().filter(Migrations.activity(APPROVAL_TASK)).findFirst().orElseThrow();
        assertThat(approval.get("assignee").asText()).isEqualTo("approver");

        long downtime = LAB.migrations().variable(id, MIGRATION_DOWNTIME_MS).asLong();
        long blackout = LAB.migrations().variable(id, BLACKOUT_MS).asLong();
        JsonNode gap = Lab.gap(Lab.gaps("--since", String.valueOf(started.getEpochSecond())), "db", "app", "stream");
        System.out.printf("BLACKOUT app: qemu downtime %d ms, blocked (end of 320 to end of 370) %d ms, "
                + "longest gap db<-app stream %.2f s%n", downtime, blackout, gap.get("longestGapSeconds").asDouble());
        assertThat(downtime).isPositive();
        assertThat(blackout).isPositive();

        List<String> migrationThread = Files.readString(log).lines().filter(line -> line.contains(" : Migrating app from ")).toList();
        assertThat(migrationThread).as("libvirt's migration thread logged the start of app's migration").isNotEmpty();
        assertThat(migrationThread).as("and carries the context of block 325, which started it").allSatisfy(line ->
                assertThat(line).contains("vm=app block=Block325_CloseVmAtSource processInstanceId="));
    }

    @Test
    void webTakesTheWholeSubnetBranchAndTheTunnelGoesOnceTheCoreLearnedTheRoute() throws Exception {
        String id = LAB.migrations().start("operator", "web");
        LAB.migrations().approve("approver", id);
        LAB.migrations().awaitActivity(id, "WaitForRoutingCore", 900);
        assertThat(LAB.migrations().variable(id, TUNNEL_SAS).asText()).contains("192.0.2.64/26").contains("INSTALLED");
        assertThat(LAB.migrations().variable(id, ROUTE_LEARNED).asBoolean()).isFalse();
        Lab.awaitRecords("db", "web", "stream", Instant.now(), 120);

        Lab.lab(30, "core-learn", "192.0.2.64/26").orFail("core-learn");
        JsonNode end = LAB.migrations().awaitEnd(id, 300);
        assertThat(end.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(LAB.migrations().activities(id).stream().anyMatch(Migrations.activity("Block395_End")))
                .as("ended at block 395").isTrue();
        List<JsonNode> activities = LAB.migrations().activities(id);
        for (String block : List.of("Block340_EstablishTunnel", "Block380_CheckRoutingCore", "Block385_RoutingCoreUpdated",
                "WaitForRoutingCore", "Block390_RemoveTunnel")) {
            assertThat(activities.stream().anyMatch(Migrations.activity(block))).as(block).isTrue();
        }
        String sas = Lab.run(30, "swanctl", "--list-sas", "--uri", "unix://" + Lab.STATE.resolve("site-a/run/charon.vici")).out();
        assertThat(sas).as("the tunnel is gone").doesNotContain("slm-subnet-192-0-2-64-26");
        assertThat(Lab.runningGuests("site-b")).contains("web");
        Lab.awaitRecords("db", "web", "stream", Instant.now(), 120);
    }

    @Test
    void theProductsOutputHoldsNoKeyNorPassword() throws IOException {
        String all = Files.readString(log);

        Set<String> secrets = LabSecrets.of(LAB.product());
        assertThat(secrets).allSatisfy(secret -> assertThat(all.contains(secret))
                .as("a secret of the lab (key material or password, %d characters) in the product's output", secret.length())
                .isFalse());
    }
}
