package com.slm.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.slm.lab.Lab;
import com.slm.lab.Sas;
import com.slm.lab.WanCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static com.slm.domain.ProcessVariables.PROCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault matrix (g): the application is killed with SIGKILL at every async step of a migration, one point per
 * step, and started again on the same H2 file as the same node. Each kill comes at the end of a step, after its
 * work and before its commit (see {@code crash.CrashAfterEachStep}), so every step also runs twice. web takes the
 * longest path (the whole-subnet branch: tunnel, routing core, tunnel removal); app takes the minimal-blackout
 * path, whose switch-over step steers, resets and resumes inside the window where the VM is paused at the target.
 * The migration must complete exactly once, the VM must run at site B only with its SA installed, and nothing may
 * cross the WAN in clear.
 */
class CrashRestartLabIT {
    /** The steps on web's path (strict mode): each must have been crashed at once. */
    static final List<String> WEB_STEPS = List.of("Block315_SelectTargetEnvironment", "RunPreChecks", "Block320_DisableCommunication",
            "Block325_CloseVmAtSource", "Block330_LiveMigrate", "RecheckWholeSubnetMoved", "Block340_EstablishTunnel", "InstallIpsecPolicy",
            "ResumeVmAtTarget", "InventoryConnections", "Block370_EnableCommunication", "Block380_CheckRoutingCore",
            "Block390_RemoveTunnel");
    /** The steps on app's path in minimal mode (no tunnel; 360-365 confirm what the switch-over did). */
    static final List<String> APP_MINIMAL_STEPS = List.of("Block315_SelectTargetEnvironment", "RunPreChecks",
            "Block320_DisableCommunication", "PrepareSecurePath", "Block325_CloseVmAtSource", "Block330_LiveMigrate",
            "SwitchOverToTarget", "RecheckWholeSubnetMoved", "InstallIpsecPolicy", "ResumeVmAtTarget",
            "InventoryConnections", "Block360_ListSecureConnections", "Block365_ResetInsecureConnections",
            "Block370_EnableCommunication");
    ProductProcess node;

    @BeforeEach
    void freshLab() throws Exception {
        Lab.fresh();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (node != null) {
            node.kill();
        }
    }

    @Test
    void killedAtEveryStepTheMigrationCompletesExactlyOnceWithNothingInClear() throws Exception {
        killAtEveryStep("web", "strict", WEB_STEPS);
    }

    @Test
    void killedAtEveryStepOfTheMinimalModeAppCompletesOnceNeverRunningUnprotected() throws Exception {
        killAtEveryStep("app", "minimal", APP_MINIMAL_STEPS);
    }

    private void killAtEveryStep(String vm, String mode, List<String> steps) throws Exception {
        Path ledger = Files.createTempFile("slm-crash-ledger-", ".txt");
        Files.delete(ledger);
        node = ProductProcess.of("crash-" + vm, "--spring.profiles.include=crash-after-each-step",
                "--slm.test.crash-ledger=" + ledger);
        try (WanCapture wan = WanCapture.start("crash-restart-" + vm)) {
            RunningProduct product = node.start(120);
            Migrations migrations = new Migrations(product);
            int kills = 0;
            String id = null;
            try {
                id = migrations.start("operator", vm, mode);
            } catch (AssertionError lostAnswer) {
                // The first step's crash point may kill the node before the start's answer was sent (the job executor
                // takes the step at once after the start's commit): the start itself committed, found below.
                assertThat(node.awaitExit(30)).as("the node died of SIGKILL at a crash point: " + lostAnswer.getMessage())
                        .isEqualTo(ProductProcess.SIGKILLED);
                kills++;
                System.out.printf("CRASH %d after %s, before the start's answer: restarting the node%n", kills, last(ledger));
                product = node.start(120);
                migrations = new Migrations(product);
            }
            boolean approved = false;
            boolean routeLearned = false;
            long deadline = System.currentTimeMillis() + 20 * 60_000L;
            JsonNode end = null;
            while (end == null) {
                assertThat(System.currentTimeMillis()).as("the migration ends within 20 min").isLessThan(deadline);
                if (!node.alive()) {
                    assertThat(node.awaitExit(5)).as("the node died of SIGKILL").isEqualTo(ProductProcess.SIGKILLED);
                    kills++;
                    System.out.printf("CRASH %d after %s: restarting the node%n", kills, last(ledger));
                    product = node.start(120);
                    migrations = new Migrations(product);
                    continue;
                }
                try {
                    if (id == null) {
                        // the start committed, its answer was lost: find it (the restarted node takes the next step
                        // at once, and may die at its crash point under this very call, like under any other)
                        JsonNode started = product.get("admin", "/engine-rest/history/process-instance?processDefinitionKey="
                                + PROCESS_KEY + "&processInstanceBusinessKey=" + vm);
                        assertThat(started).as("the start committed once").hasSize(1);
                        id = started.get(0).get("id").asText();
                        continue;
                    }
                    JsonNode instance = migrations.history(id);
                    if (instance.hasNonNull("endTime")) {
                        end = instance;
                    } else if (!approved && !product.get("approver", "/engine-rest/task?processInstanceId=" + id).isEmpty()) {
                        migrations.approve("approver", id);
                        approved = true;
                    } else if (!routeLearned && "web".equals(vm) && Files.readAllLines(ledger).contains("Block380_CheckRoutingCore")) {
                        // the routing core learns the moved subnet's route once the product watches for it
                        Lab.lab(30, "core-learn", "192.0.2.64/26").orFail("core-learn");
                        routeLearned = true;
                    }
                } catch (AssertionError e) {
                    if (node.aliveAfter(5)) {
                        throw e; // a real failure, not the node dying under the call
                    }
                }
                Thread.sleep(300);
            }
            wan.stop();

            assertThat(end.get("state").asText()).isEqualTo("COMPLETED");
            assertThat(Files.readAllLines(ledger)).as("crashed once at the end of every step").containsAll(steps);
            assertThat(kills).isEqualTo(Files.readAllLines(ledger).size());
            assertThat(migrations.activities(id).stream().filter(Migrations.activity("Block395_End")).count()).isEqualTo(1);
            migrations.assertEachStepSucceededOnce(id, steps);
            assertThat(product.get("admin", "/engine-rest/history/process-instance?processInstanceBusinessKey=" + vm)).hasSize(1);
            assertThat(Lab.runningGuests("site-b")).contains(vm);
            assertThat(Lab.runningGuests("site-a")).doesNotContain(vm);
            assertThat(Lab.linkStates("site-b", vm)).containsOnly("up");
            Sas.awaitInstalledOnBoth("slm-vm-" + vm, Instant.now(), 30);
            Lab.awaitRecords("db", vm, "stream", Instant.now(), 120);
            assertThat(wan.count(FailClosedLabIT.CLEAR)).as("nothing in clear on the WAN, kills included").isZero();
        }
    }

    private static String last(Path ledger) throws IOException {
        List<String> lines = Files.exists(ledger) ? Files.readAllLines(ledger) : List.of();
        return lines.isEmpty() ? "(no step)" : lines.get(lines.size() - 1);
    }
}
