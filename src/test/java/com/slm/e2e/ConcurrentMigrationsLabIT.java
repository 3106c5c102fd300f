package com.slm.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.slm.lab.Lab;
import com.slm.lab.WanCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault matrix (d) and (e) in the lab: the same VM started twice is refused (409) while its first migration runs,
 * and two migrations to the same target at once (app and web, sharing one IKE connection) both complete, both keep
 * their CHILD_SAs, with nothing in clear on the WAN.
 */
class ConcurrentMigrationsLabIT {
    @RegisterExtension
    static final LabProduct LAB = LabProduct.fresh();

    @Test
    void aSecondStartOfTheSameVmIsRefusedAndTwoMigrationsToOneTargetBothKeepTheirSas() throws Exception {
        try (WanCapture wan = WanCapture.start("concurrent")) {
            String app = LAB.migrations().start("operator", "app");
            HttpResponse<String> twice = LAB.product().call("lead", "POST",
                    "/engine-rest/process-definition/key/secureLiveMigration/start", """
                            {"variables": {
                              "vmName": {"value": "app"}, "sourceEnvironment": {"value": "secure"}, "sourceHost": {"value": "site-a"},
                              "targetEnvironment": {"value": "remote"}, "targetHost": {"value": "site-b"},
                              "reason": {"value": "second start of the same VM"}}}""");
            assertThat(twice.statusCode()).as(twice.body()).isEqualTo(409);
            assertThat(twice.body()).contains("app");

            String web = LAB.migrations().start("operator", "web");
            LAB.migrations().approve("approver", app);
            LAB.migrations().approve("approver", web);
            LAB.migrations().awaitActivity(web, "WaitForRoutingCore", 900);
            JsonNode appEnd = LAB.migrations().awaitEnd(app, 900);
            Lab.lab(30, "core-learn", "192.0.2.64/26").orFail("core-learn");
            JsonNode webEnd = LAB.migrations().awaitEnd(web, 300);
            assertThat(appEnd.get("state").asText()).isEqualTo("COMPLETED");
            assertThat(webEnd.get("state").asText()).isEqualTo("COMPLETED");
            Instant done = Instant.now();
            Lab.awaitRecords("db", "app", "stream", done, 120);
            Lab.awaitRecords("db", "web", "stream", done, 120);
            wan.stop();
            assertThat(wan.count(FailClosedLabIT.CLEAR)).as("nothing in clear on the WAN").isZero();
        }
        for (String site : new String[]{"site-a", "site-b"}) {
            String sas = Lab.run(30, "swanctl", "--list-sas", "--uri", "unix://" + Lab.STATE.resolve(site + "/run/charon.vici")).out();
            assertThat(sas.lines().filter(l -> l.contains("INSTALLED")).toList().toString())
                    .as("both VMs keep their CHILD_SAs on %s", site).contains("slm-vm-app:", "slm-vm-web:");
        }
        assertThat(Lab.runningGuests("site-b")).contains("app", "web");
    }
}
