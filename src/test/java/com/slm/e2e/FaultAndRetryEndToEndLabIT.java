package com.slm.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.slm.lab.Lab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Site B's charon is down when block 345 needs it: the step ends in an incident that says what is wrong and that
 * the VM is isolated; once charon is back, a retry of the job through REST (as Cockpit does it) completes the
 * migration.
 */
class FaultAndRetryEndToEndLabIT {
    // short retry cycles after the target, so that the incident comes within seconds
    @RegisterExtension
    static final LabProduct LAB = LabProduct.fresh("--slm.timers.retry-after-target=R2/PT2S");

    @Test
    void aStoppedCharonBecomesAnIncidentAndARetryCompletesTheMigration() throws Exception {
        String id = LAB.migrations().start("operator", "app");
        LAB.migrations().approve("approver", id);
        Lab.lab(60, "charon-stop", "site-b").orFail("charon-stop");

        JsonNode incident = Migrations.await("an incident", 900, () -> {
            JsonNode incidents = LAB.product().get("admin", "/engine-rest/incident?processInstanceId=" + id);
            return incidents.isEmpty() ? null : incidents.get(0);
        });
        String message = incident.get("incidentMessage").asText();
        System.out.println("incident: " + message);
        assertThat(incident.get("activityId").asText()).isEqualTo("InstallIpsecPolicy");
        assertThat(message).contains("Block 345").contains("charon of remote")
                .contains("links are DOWN (isolated").contains("Retry this job");
        assertThat(Lab.virsh("site-b", "dumpxml", "app").out()).as("the VM is isolated").contains("state='down'");

        Lab.lab(60, "charon-start", "site-b").orFail("charon-start");
        String jobId = incident.get("configuration").asText();
        LAB.product().put("admin", "/engine-rest/job/" + jobId + "/retries", "{\"retries\": 1}", 204);

        JsonNode end = LAB.migrations().awaitEnd(id, 600);
        assertThat(end.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(LAB.migrations().activities(id).stream().anyMatch(Migrations.activity("Block395_End")))
                .as("ended at block 395").isTrue();
        assertThat(Lab.virsh("site-b", "dumpxml", "app").out()).doesNotContain("state='down'");
        JsonNode retries = LAB.product().get("admin", "/engine-rest/history/user-operation?processInstanceId=" + id
                + "&operationType=SetJobRetries");
        assertThat(retries.toString()).as("who retried is recorded").contains("\"userId\":\"admin\"");
    }
}
