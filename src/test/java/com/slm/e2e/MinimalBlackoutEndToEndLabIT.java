package com.slm.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.slm.lab.Lab;
import com.slm.testing.Promtool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import static com.slm.domain.ProcessVariables.BLACKOUT_MS;
import static com.slm.domain.ProcessVariables.CONNECTION_ACTIONS;
import static com.slm.domain.ProcessVariables.MIGRATION_DOWNTIME_MS;
import static com.slm.domain.ProcessVariables.MIGRATION_REQUEST;
import static com.slm.domain.ProcessVariables.OUTCOME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The minimal-blackout mode end to end in the lab: app moves to site B while the WAN is captured. The SAs come up
 * before the move without drawing its traffic, the VM serves during the pre-copy, and one step switches over on the
 * hypervisor's event. Nothing of a guest crosses the WAN in clear, app's long-lived session to db survives, and the
 * insecure legacy session is reset and comes back only through IPsec.
 */
class MinimalBlackoutEndToEndLabIT {
    @RegisterExtension
    static final LabProduct LAB = LabProduct.fresh();

    @Test
    void appMovesInMinimalModeWithNothingInClearAndItsSessionSurvives() throws Exception {
        Instant started = Instant.now();
        String appConsoleBefore = Files.readString(Lab.STATE.resolve("console/app.log"));
        String legacyBefore = Files.readString(Lab.STATE.resolve("console/legacy.log"));
        Migrations.Ended moved = LAB.migrations().appWithNothingInClear("minimal", "e2e-minimal");
        String id = moved.id();
        JsonNode end = moved.instance();

        assertThat(end.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(LAB.migrations().variable(id, OUTCOME).asText()).isEqualTo("COMPLETED");
        assertThat(LAB.migrations().variable(id, MIGRATION_REQUEST).asText()).contains("\"blackoutMode\":\"minimal\"");
        assertThat(Lab.runningGuests("site-b")).containsExactly("app");
        assertThat(Lab.linkStates("site-b", "app")).containsOnly("up");

        List<JsonNode> activities = LAB.migrations().activities(id);
        List<String> order = activities.stream().map(a -> a.get("activityId").asText()).toList();
        assertThat(order).containsSubsequence("PrepareSecurePath", "Block325_CloseVmAtSource", "Block330_LiveMigrate",
                "SwitchOverToTarget", "Block345_RestartWithIpsecPolicy", "Block370_EnableCommunication", "Block395_End");

        String appConsole = Files.readString(Lab.STATE.resolve("console/app.log")).substring(appConsoleBefore.length());
        assertThat(appConsole).as("app's long-lived session to db never broke").doesNotContain("broken db stream");
        // the insecure session: found before the move, reset at the switch-over, back only through IPsec (capture
        // above); insecureConnections holds the last classification (after the switch-over the session is secure)
        assertThat(LAB.migrations().variable(id, CONNECTION_ACTIONS).asText()).contains("198.51.100.10").contains("session reset");
        String legacyAfter = Files.readString(Lab.STATE.resolve("console/legacy.log")).substring(legacyBefore.length());
        assertThat(legacyAfter).contains("accept 192.0.2.11");

        // ops see it: the scrape parses and counts the migration that just ran (issue 15's lab check)
        var scrape = LAB.product().call("admin", "GET", "/actuator/prometheus", null);
        assertThat(scrape.statusCode()).isEqualTo(200);
        Promtool.assertValidPrometheusText(scrape.body());
        String productMeters = scrape.body().lines().filter(line -> line.startsWith("slm_")).collect(Collectors.joining("\n"));
        assertThat(productMeters).contains("slm_migrations_ended_total{outcome=\"COMPLETED\"} 1.0")
                .contains("slm_qemu_downtime_seconds_count 1");

        long downtime = LAB.migrations().variable(id, MIGRATION_DOWNTIME_MS).asLong();
        long blackout = LAB.migrations().variable(id, BLACKOUT_MS).asLong();
        JsonNode gap = Lab.gap(Lab.gaps("--since", String.valueOf(started.getEpochSecond())), "db", "app", "stream");
        System.out.printf("BLACKOUT minimal app: qemu downtime %d ms, paused (downtime + completion to resume) %d ms, "
                + "longest gap db<-app stream %.2f s%n", downtime, blackout, gap.get("longestGapSeconds").asDouble());
    }
}
