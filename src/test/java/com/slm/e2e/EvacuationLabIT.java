package com.slm.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.slm.lab.Lab;
import com.slm.lab.WanCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14's batch evacuation in the lab: an operator evacuates subnet 1 (db and app) to site B, two at a time; the
 * operator cannot approve their own batch, one approver approves it once; each VM moves by its own migration (no
 * approval task of its own), the subnet's tunnel comes once after both and goes once the core has learned the
 * route; db and app talk again (with each other, web and the legacy service), and nothing crossed the WAN in clear.
 * Then web, of the other subnet, follows to the same host and still reaches db there.
 */
class EvacuationLabIT {
    private static final String SUBNET_1 = "192.0.2.0/26";
    private static final String SUBNET_2 = "192.0.2.64/26";
    @RegisterExtension
    static final LabProduct LAB = LabProduct.fresh();

    @Test
    void subnetOneMovesToSiteBOnOneApprovalWithTheTunnelOnceAndNothingInClear() throws Exception {
        try (WanCapture wan = WanCapture.start("evacuation")) {
            String evacuation = LAB.product().post("operator", "/engine-rest/process-definition/key/evacuateSubnet/start", """
                    {"variables": {
                      "subnet": {"value": "%s"}, "sourceEnvironment": {"value": "secure"},
                      "targetEnvironment": {"value": "remote"}, "targetHost": {"value": "site-b"},
                      "reason": {"value": "lab test: evacuate subnet 1"}, "parallelism": {"value": 2, "type": "Integer"},
                      "maxDowntimeMs": {"value": 300, "type": "Integer"}}}""".formatted(SUBNET_1), 200).get("id").asText();

            JsonNode task = LAB.migrations().awaitTask("approver", evacuation);
            HttpResponse<String> own = LAB.product().call("operator", "POST", "/engine-rest/task/" + task.get("id").asText()
                    + "/complete", "{\"variables\": {\"approvalDecision\": {\"value\": \"approve\"}}}");
            assertThat(own.statusCode()).as("four eyes: " + own.body()).isNotEqualTo(204);
            assertThat(LAB.migrations().variable(evacuation, "approver")).isNull();
            LAB.migrations().approve("approver", evacuation);

            LAB.migrations().awaitActivity(evacuation, "Evacuation385_WaitForRoutingCore", 1200);
            List<JsonNode> vms = new ArrayList<>();
            LAB.product().get("admin", "/engine-rest/history/process-instance?superProcessInstanceId=" + evacuation).forEach(vms::add);
            assertThat(vms).extracting(vm -> vm.get("businessKey").asText()).containsExactlyInAnyOrder("db", "app");
            for (JsonNode vm : vms) {
                String id = vm.get("id").asText();
                assertThat(vm.get("state").asText()).isEqualTo("COMPLETED");
                assertThat(LAB.migrations().variable(id, "outcome").asText()).isEqualTo("COMPLETED");
                assertThat(LAB.migrations().variable(id, "approver").asText()).isEqualTo("approver");
                assertThat(LAB.migrations().variable(id, "tunnelEstablishedAt")).as("the subnet's tunnel is the batch's").isNull();
                assertThat(LAB.product().get("admin", "/engine-rest/history/task?processInstanceId=" + id).size())
                        .as("no approval task of its own").isZero();
            }
            assertThat(sas("site-a")).contains("slm-subnet-192-0-2-0-26", "slm-vm-db", "slm-vm-app");

            Lab.lab(30, "core-learn", SUBNET_1).orFail("core-learn");
            JsonNode end = LAB.migrations().awaitEnd(evacuation, 300);
            assertThat(end.get("state").asText()).isEqualTo("COMPLETED");
            assertThat(LAB.migrations().variable(evacuation, "evacuatedCount").asInt()).isEqualTo(2);
            assertThat(LAB.migrations().variable(evacuation, "tunnelRemovedAt")).isNotNull();
            assertThat(LAB.migrations().activities(evacuation).stream().filter(Migrations.activity("Evacuation340_EstablishTunnel")).count())
                    .as("the tunnel once for the subnet").isEqualTo(1);

            Instant done = Instant.now();
            Lab.awaitRecords("db", "app", "stream", done, 120);
            Lab.awaitRecords("db", "app", "conn", done, 120);
            Lab.awaitRecords("db", "web", "stream", done, 120);
            Lab.awaitRecords("legacy", "app", "stream", done, 120);
            Migrations.assertNothingInClear(wan, "the evacuation");
        }
        assertThat(Lab.runningGuests("site-b")).contains("db", "app");
        assertThat(Lab.runningGuests("site-a")).doesNotContain("db", "app");
        for (String site : new String[]{"site-a", "site-b"}) {
            String sas = sas(site);
            assertThat(sas).as("each VM keeps its CHILD_SA on %s", site).contains("slm-vm-db:", "slm-vm-app:");
            assertThat(sas).as("the tunnel is gone on %s", site).doesNotContain("slm-subnet-192-0-2-0-26");
        }

        // web (subnet 2) follows to the same host: its traffic to db stays inside site B, and each VM's fail-closed
        // guard there must let it pass (it once dropped it: docs/security.md, "The fail-closed guard")
        try (WanCapture wan = WanCapture.start("evacuation-web-follows")) {
            String web = LAB.migrations().start("operator", "web");
            LAB.migrations().approve("approver", web);
            LAB.migrations().awaitActivity(web, "WaitForRoutingCore", 900);
            Lab.lab(30, "core-learn", SUBNET_2).orFail("core-learn");
            assertThat(LAB.migrations().awaitEnd(web, 300).get("state").asText()).isEqualTo("COMPLETED");
            assertThat(Lab.runningGuests("site-b")).contains("db", "web");
            Instant done = Instant.now();
            Lab.awaitRecords("db", "web", "stream", done, 120);
            Lab.awaitRecords("db", "web", "conn", done, 120);
            Migrations.assertNothingInClear(wan, "web's migration to db's host");
        }
    }

    private static String sas(String site) {
        String all = Lab.run(30, "swanctl", "--list-sas", "--uri", "unix://" + Lab.STATE.resolve(site + "/run/charon.vici")).out();
        return String.join("\n", all.lines().filter(l -> l.contains("INSTALLED")).toList());
    }
}
