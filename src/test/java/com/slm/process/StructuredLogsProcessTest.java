package com.slm.process;

import com.slm.domain.ProcessVariables;
import com.slm.security.Roles;
import com.slm.security.SecurityProperties;
import com.slm.process.fixtures.FakeHypervisor;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.TestPropertySource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console log of a whole migration, as an operator reads it (the default pattern): every line a step writes
 * names its migration, its VM and its block, and no password of the configuration shows up anywhere in the
 * output, from the start of the application on, with the product's own loggers at TRACE.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "logging.level.com.slm=TRACE")
class StructuredLogsProcessTest extends ProcessTestSupport {
    static final String ADMIN_PASSWORD = "Admin-7c41e2-NeverLogMe";
    private static final String LOGIN_PROBE = "logprobe";

    /** Each step's "done" line and the block it must name. */
    private static final Map<String, String> STEP_LINES = Map.of(
            "Pre-checks passed", "RunPreChecks",
            "Block 320 (disable communication) done", "Block320_DisableCommunication",
            "Block 325 (close the VM at the source: start its live migration) done", "Block325_CloseVmAtSource",
            "Block 330 (live-migrate) done", "Block330_LiveMigrate",
            "Block 345 (install the IPsec policy) done", "InstallIpsecPolicy",
            "Block 345 (restart the VM at the target) done", "ResumeVmAtTarget",
            "Block 340 (establish the subnet tunnel) done", "Block340_EstablishTunnel",
            "Block 370 (enable communication) done", "Block370_EnableCommunication",
            "Block 390 (remove the tunnel) done", "Block390_RemoveTunnel",
            "Migration ended: COMPLETED", "Block395_End");

    @Autowired
    TestRestTemplate rest;
    @Autowired
    SecurityProperties security;

    @Test
    void everyStepLineNamesItsMigrationVmAndBlockAndNoPasswordIsEverLogged(CapturedOutput output) {
        // Logins with a secret password, right and wrong, through a user of the test's own. Not the admin: its
        // password is set at the first start only, and on PostgreSQL the database (and its admin) is shared by the
        // test classes, which log in with the configured one.
        if (identity.createUserQuery().userId(LOGIN_PROBE).count() > 0) {
            identity.deleteUser(LOGIN_PROBE);
        }
        User probe = identity.newUser(LOGIN_PROBE);
        probe.setPassword(ADMIN_PASSWORD);
        identity.saveUser(probe);
        identity.createMembership(LOGIN_PROBE, Roles.ADMINS);
        try {
            assertThat(rest.withBasicAuth(LOGIN_PROBE, ADMIN_PASSWORD).getForEntity("/engine-rest/process-definition", String.class)
                    .getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(rest.withBasicAuth(LOGIN_PROBE, "wrong-" + ADMIN_PASSWORD).getForEntity("/engine-rest/process-definition",
                    String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        } finally {
            identity.deleteUser(LOGIN_PROBE);
        }

        // the whole-subnet path (web is the last VM of its subnet): tunnel, routing core, tunnel removed
        ProcessInstance instance = approvedMigration("web");
        runDueJobs(instance);
        FakeHypervisor.completeMigration("web", SITE_B);
        advanceClock(3);
        runDueJobs(instance);
        WORLD.routeLearned = true;
        advanceClock(6);
        runDueJobs(instance);
        assertThat(variable(instance, ProcessVariables.OUTCOME)).isEqualTo("COMPLETED");

        STEP_LINES.forEach((message, block) -> {
            List<String> lines = linesEndingWith(output, " : " + message);
            assertThat(lines).as("the line '%s'", message).isNotEmpty();
            assertThat(lines).as("the context of '%s'", message).allSatisfy(line -> assertThat(line)
                    .contains("vm=web block=" + block + " processInstanceId=" + instance.getId() + " "));
        });

        assertThat(output.getAll()).as("a group of empty keys is left out of the line")
                .doesNotContain("vm= block= processInstanceId= ").doesNotContain("ipsecConn= ipsecChild= ");

        List<String> secrets = new ArrayList<>(List.of(ADMIN_PASSWORD));
        if (security.adminPassword() != null && !security.adminPassword().isBlank()) {
            secrets.add(security.adminPassword());
        }
        security.users().forEach(user -> secrets.add(user.password()));
        assertThat(output.getAll()).as("the application's output").isNotBlank();
        secrets.forEach(secret -> assertThat(output.getAll()).as("the output holds no configured password").doesNotContain(secret));
    }

    private static List<String> linesEndingWith(CapturedOutput output, String end) {
        return output.getAll().lines().filter(line -> line.endsWith(end)).toList();
    }
}
