package com.slm.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.slm.lab.Lab;
import com.slm.testing.WebappSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.List;

import static com.slm.domain.ProcessVariables.OUTCOME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attack suite against the running product in the lab, as the demo users: every case acts as the role
 * concerned and checks three things, the refusal (a 4xx that says why), that no instance or variable changed,
 * and that the VM did not move (it still runs at site A with its links up). Doors: {@code /engine-rest},
 * {@code /engine-rest/engine/default}, %-encoded paths and the webapps' API with a session.
 */
class AttackSuiteLabIT {
    private static final List<String> MOUNTS = List.of("/engine-rest", "/engine-rest/engine/default");
    private static final String KEY = "/process-definition/key/secureLiveMigration";
    private static final String WEBAPP = "/camunda/api/engine/engine/default";
    @RegisterExtension
    static final LabProduct LAB = LabProduct.fresh();

    @AfterEach
    void theVmDidNotMove() {
        assertThat(Lab.runningGuests("site-a")).contains("app");
        assertThat(Lab.runningGuests("site-b")).doesNotContain("app");
        assertThat(Lab.linkStates("site-a", "app")).isNotEmpty().allMatch("up"::equals);
    }

    @Test
    void noStartSkipsValidationPreChecksOrApprovalOnAnyDoor() {
        long before = instances();
        String skip = startBody("app", "", """
                , "skipCustomListeners": true, "skipIoMappings": true,
                  "startInstructions": [{"type": "startBeforeActivity", "activityId": "Block320_DisableCommunication"}]""");
        for (String mount : MOUNTS) {
            refused(LAB.product().call("operator", "POST", mount + KEY + "/start", skip), "start instructions");
            refused(LAB.product().call("operator", "POST", mount + "/process-definition/key/secureLive%4Digration/start", skip), "start instructions");
            refused(LAB.product().call("lead", "POST", mount + KEY + "/start", startBody("app", ", \"initiator\": {\"value\": \"operator\"}", "")),
                    "Unknown variable 'initiator'");
            refused(LAB.product().call("operator", "POST", mount + KEY + "/submit-form", startBody("app",
                    ", \"blackoutMode\": {\"value\": \"rO0ABXQAAXg=\", \"type\": \"Object\", \"valueInfo\": {\"objectTypeName\": "
                            + "\"java.lang.String\", \"serializationDataFormat\": \"application/x-java-serialized-object\"}}", "")),
                    "has type Object");
            refused(LAB.product().call("auditor", "POST", mount + KEY + "/start", startBody("app", "", "")), "");
        }
        refused(webapp("operator").post(WEBAPP + KEY + "/start", skip), "start instructions");
        refused(webapp("lead").post(WEBAPP + KEY + "/submit-form", startBody("app", ", \"initiator\": {\"value\": \"lead2\"}", "")),
                "Unknown variable 'initiator'");
        assertThat(instances()).isEqualTo(before);
    }

    @Test
    void aRunningRequestCannotBeRewrittenRunOrApprovedByItsRequesterAndItsRequesterCancelsIt() throws Exception {
        String id = LAB.migrations().start("lead", "app");
        JsonNode task = Migrations.await("the approval task", 180, () -> {
            JsonNode tasks = LAB.product().get("approver", "/engine-rest/task?processInstanceId=" + id);
            return tasks.isEmpty() ? null : tasks.get(0);
        });
        String taskId = task.get("id").asText();
        String before = variables(id);
        String vm = "{\"value\": \"db\"}";
        String facts = "{\"modifications\": {\"vmAddress\": {\"value\": \"192.0.2.10\"}, \"targetHost\": {\"value\": \"site-a\"}}}";
        for (String mount : MOUNTS) {
            refused(LAB.product().call("lead", "PUT", mount + "/process-instance/" + id + "/variables/vmName", vm), "");
            refused(LAB.product().call("lead", "POST", mount + "/process-instance/" + id + "/variables", facts), "");
            refused(LAB.product().call("lead", "POST", mount + "/message",
                    "{\"messageName\": \"CancelMigration\", \"processInstanceId\": \"" + id + "\"}"), "");
            refused(LAB.product().call("lead", "PUT", mount + "/process-instance/" + id + "/suspended", "{\"suspended\": true}"), "");
            refused(LAB.product().call("lead", "POST", mount + "/process-instance/" + id + "/modification",
                    "{\"instructions\": [{\"type\": \"startBeforeActivity\", \"activityId\": \"Block320_DisableCommunication\"}]}"), "");
            refused(LAB.product().call("operator", "GET", mount + "/process-instance/" + id + "/variables", null), "");
            refused(LAB.product().call("approver", "PUT", mount + "/task/" + taskId + "/variables/vmName", vm), "");
            refused(LAB.product().call("approver", "POST", mount + "/task/" + taskId + "/complete",
                    "{\"variables\": {\"approvalDecision\": {\"value\": \"approve\"}, \"targetHost\": {\"value\": \"site-a\"}}}"),
                    "not [targetHost]");
            // Four eyes: the requester is an approver too, yet may neither claim nor complete their own request.
            refused(LAB.product().call("lead", "POST", mount + "/task/" + taskId + "/claim", "{\"userId\": \"lead\"}"), "");
            refused(LAB.product().call("lead", "POST", mount + "/task/" + taskId + "/complete",
                    "{\"variables\": {\"approvalDecision\": {\"value\": \"approve\"}}}"), "");
        }
        refused(webapp("approver").post(WEBAPP + "/task/" + taskId + "/submit-form",
                "{\"variables\": {\"approvalDecision\": {\"value\": \"approve\"}, \"vmAddress\": {\"value\": \"192.0.2.10\"}}}"),
                "not [vmAddress]");
        refused(webapp("lead").put(WEBAPP + "/process-instance/" + id + "/variables/vmName", vm), "");
        refused(LAB.product().call("operator", "POST", "/api/migrations/" + id + "/cancel", ""), "");
        assertThat(variables(id)).isEqualTo(before);

        HttpResponse<String> cancel = LAB.product().call("lead", "POST", "/api/migrations/" + id + "/cancel", "");
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
        JsonNode end = LAB.migrations().awaitEnd(id, 60);
        assertThat(end.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(LAB.migrations().variable(id, OUTCOME).asText()).isEqualTo("CANCELLED");
    }

    private static void refused(HttpResponse<String> response, String message) {
        assertThat(response.statusCode()).as("%s %s refused with a 4xx: %s", response.request().method(),
                response.request().uri(), response.body()).isBetween(400, 499);
        assertThat(response.body()).as("the refusal says why").isNotBlank().contains(message);
    }

    private static WebappSession webapp(String user) {
        return WebappSession.login(LAB.product().http(), LAB.product().baseUrl(), user, "demo-" + user);
    }

    private static long instances() {
        return LAB.product().get("admin", "/engine-rest/history/process-instance/count").get("count").asLong();
    }

    private static String variables(String id) {
        return LAB.product().get("admin", "/engine-rest/history/variable-instance?processInstanceId=" + id
                + "&deserializeValues=false&sortBy=variableName&sortOrder=asc").toString();
    }

    private static String startBody(String vm, String extraVariables, String extraFields) {
        return """
                {"variables": {
                  "vmName": {"value": "%s"}, "sourceEnvironment": {"value": "secure"}, "sourceHost": {"value": "site-a"},
                  "targetEnvironment": {"value": "remote"}, "targetHost": {"value": "site-b"},
                  "reason": {"value": "attack suite"}%s}%s}
                """.formatted(vm, extraVariables, extraFields);
    }
}
