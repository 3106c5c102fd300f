package com.slm.process;

import com.slm.process.fixtures.FakeWorld;
import com.slm.testing.WebappSession;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static com.slm.domain.ProcessVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attacks of a logged-in user, through every door of the engine's HTTP API: {@code /engine-rest},
 * {@code /engine-rest/engine/default}, %-encoded paths, and the webapps' own {@code /camunda/api/engine} (session
 * login with its CSRF token). Each is refused with a 4xx and a message, and nothing changed: no instance, no
 * variable, no call to a port.
 */
class RestAttackProcessTest extends ProcessTestSupport {
    private static final String KEY = "/process-definition/key/secureLiveMigration";
    private static final String START_BODY = """
            {"variables": {
              "vmName": {"value": "app"}, "sourceEnvironment": {"value": "secure"}, "sourceHost": {"value": "site-a"},
              "targetEnvironment": {"value": "remote"}, "targetHost": {"value": "site-b"},
              "reason": {"value": "maintenance"}%s}%s}
            """;

    @Autowired
    TestRestTemplate rest;

    /** The engine API's mounts as a client may spell them. */
    private List<String> basicMounts() {
        return List.of("/engine-rest", "/engine-rest/engine/default");
    }

    @Test
    void skippingPreChecksAndApprovalIsRefusedOnEveryDoor() {
        long before = runtime.createProcessInstanceQuery().count();
        String skip = START_BODY.formatted("", """
                , "skipCustomListeners": true, "skipIoMappings": true,
                  "startInstructions": [{"type": "startBeforeActivity", "activityId": "Block320_DisableCommunication"}]""");
        for (String mount : basicMounts()) {
            expect4xx(basic("operator", "op-pass", HttpMethod.POST, mount + KEY + "/start", skip), "start instructions");
            expect4xx(basic("operator", "op-pass", HttpMethod.POST, mount + "/process-definition/key/secureLive%4Digration/start", skip),
                    "start instructions");
        }
        WebappSession tasklist = webapp("operator", "op-pass");
        expect4xx(tasklist.post("/camunda/api/engine/engine/default" + KEY + "/start", skip), "start instructions");
        assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(before);
        assertThat(WORLD.calls).isEmpty();
    }

    @Test
    void unknownOrObjectStartVariablesAreRefusedByName() {
        long before = runtime.createProcessInstanceQuery().count();
        for (String mount : basicMounts()) {
            expect4xx(basic("lead", "le-pass", HttpMethod.POST, mount + KEY + "/start",
                    START_BODY.formatted(", \"initiator\": {\"value\": \"operator\"}", "")), "Unknown variable 'initiator'");
            expect4xx(basic("operator", "op-pass", HttpMethod.POST, mount + KEY + "/submit-form",
                    START_BODY.formatted(", \"approvedDigest\": {\"value\": \"x\"}", "")), "Unknown variable 'approvedDigest'");
            expect4xx(basic("operator", "op-pass", HttpMethod.POST, mount + "/process-definition/key/secureLiveMigr%61tion/start",
                    START_BODY.formatted(", \"blackoutMode\": {\"value\": \"rO0ABXQAAXg=\", \"type\": \"Object\", \"valueInfo\": "
                            + "{\"objectTypeName\": \"java.lang.String\", \"serializationDataFormat\": "
                            + "\"application/x-java-serialized-object\"}}", "")), "has type Object");
        }
        WebappSession tasklist = webapp("lead", "le-pass");
        expect4xx(tasklist.post("/camunda/api/engine/engine/default" + KEY + "/submit-form",
                START_BODY.formatted(", \"initiator\": {\"value\": \"operator\"}", "")), "Unknown variable 'initiator'");
        assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(before);
    }

    @Test
    void theRequestAndTheFactsCannotBeRewrittenOnAnyDoor() {
        ProcessInstance instance = startAs("operator", request("app"));
        runDueJobs(instance);
        String id = instance.getId();
        String taskId = approvalTask(instance).getId();
        Map<String, String> before = snapshot(id);
        String newVm = "{\"value\": \"db\"}";
        String modifications = "{\"modifications\": {\"vmAddress\": {\"value\": \"192.0.2.10\"}, \"targetHost\": {\"value\": \"site-a\"}}}";
        for (String mount : basicMounts()) {
            expect4xx(basic("operator", "op-pass", HttpMethod.PUT, mount + "/process-instance/" + id + "/variables/vmName", newVm), "");
            expect4xx(basic("operator", "op-pass", HttpMethod.POST, mount + "/process-instance/" + id + "/variables", modifications), "");
            expect4xx(basic("approver", "ap-pass", HttpMethod.PUT, mount + "/task/" + taskId + "/variables/vmAddress", newVm), "");
            expect4xx(basic("approver", "ap-pass", HttpMethod.POST, mount + "/task/" + taskId + "/localVariables", modifications), "");
            expect4xx(basic("approver", "ap-pass", HttpMethod.POST, mount + "/task/" + taskId + "/complete",
                    "{\"variables\": {\"approvalDecision\": {\"value\": \"approve\"}, \"targetHost\": {\"value\": \"site-a\"}}}"),
                    "not [targetHost]");
            expect4xx(basic("approver", "ap-pass", HttpMethod.POST, mount + "/task/" + taskId + "/submit-form",
                    "{\"variables\": {\"approvalDecision\": {\"value\": \"approve\"}, \"migrationRequest\": {\"value\": \"{}\"}}}"),
                    "not [migrationRequest]");
            expect4xx(basic("operator", "op-pass", HttpMethod.POST, mount + "/message",
                    "{\"messageName\": \"CancelMigration\", \"processInstanceId\": \"" + id + "\"}"), "");
            expect4xx(basic("operator", "op-pass", HttpMethod.PUT, mount + "/process-instance/" + id + "/suspended",
                    "{\"suspended\": true}"), "");
            expect4xx(basic("operator", "op-pass", HttpMethod.POST, mount + "/process-instance/" + id + "/modification",
                    "{\"instructions\": [{\"type\": \"startBeforeActivity\", \"activityId\": \"Block320_DisableCommunication\"}]}"), "");
        }
        WebappSession approver = webapp("approver", "ap-pass");
        expect4xx(approver.post("/camunda/api/engine/engine/default/task/" + taskId + "/submit-form",
                "{\"variables\": {\"approvalDecision\": {\"value\": \"approve\"}, \"vmAddress\": {\"value\": \"192.0.2.10\"}}}"),
                "not [vmAddress]");
        WebappSession operator = webapp("operator", "op-pass");
        expect4xx(operator.put("/camunda/api/engine/engine/default/process-instance/" + id + "/variables/vmName", newVm), "");

        assertThat(snapshot(id)).isEqualTo(before);
        assertThat(approvalTask(instance)).isNotNull();
        assertThat(WORLD.calls).noneMatch(call -> call.startsWith("blockTraffic") || call.startsWith("startMigration"));
    }

    @Test
    void anOperatorCannotRunOrRetryJobsNorReadAnotherOperatorsMigration() {
        ProcessInstance leads = startAs("lead", request("app"));
        Job job = management.createJobQuery().processInstanceId(leads.getId()).singleResult();
        for (String mount : basicMounts()) {
            expect4xx(basic("operator", "op-pass", HttpMethod.POST, mount + "/job/" + job.getId() + "/execute", ""), "");
            expect4xx(basic("operator", "op-pass", HttpMethod.PUT, mount + "/job/" + job.getId() + "/retries", "{\"retries\": 0}"), "");
            expect4xx(basic("operator", "op-pass", HttpMethod.GET, mount + "/process-instance/" + leads.getId() + "/variables", null), "");
            ResponseEntity<String> list = basic("operator", "op-pass", HttpMethod.GET, mount + "/history/process-instance", null);
            assertThat(list.getBody()).doesNotContain(leads.getId());
        }
        assertThat(management.createJobQuery().processInstanceId(leads.getId()).singleResult().getRetries()).isEqualTo(job.getRetries());
        assertThat(FakeWorld.WORLD.calls).isEmpty();
    }

    @Test
    void theProductsOwnCancelChecksOwnershipAndPhase() {
        ProcessInstance instance = startAs("operator", request("app"));
        runDueJobs(instance);
        String cancel = "/api/migrations/" + instance.getId() + "/cancel";
        assertThat(basic("lead", "le-pass", HttpMethod.POST, cancel, "").getStatusCode().value()).isEqualTo(404);
        assertThat(basic("auditor", "au-pass", HttpMethod.POST, cancel, "").getStatusCode().value()).isEqualTo(403);
        assertThat(basic(null, null, HttpMethod.POST, cancel, "").getStatusCode().value()).isEqualTo(401);
        assertThat(approvalTask(instance)).isNotNull();
        ResponseEntity<String> own = basic("operator", "op-pass", HttpMethod.POST, cancel, "");
        assertThat(own.getStatusCode().value()).isEqualTo(200);
        assertThat(variable(instance, OUTCOME)).isEqualTo("CANCELLED");
        assertThat(basic("operator", "op-pass", HttpMethod.POST, cancel, "").getStatusCode().value()).isEqualTo(409);
    }

    /** Every variable of the instance as text (JSON values compare by their text). */
    private Map<String, String> snapshot(String processInstanceId) {
        Map<String, String> values = new java.util.TreeMap<>();
        runtime.getVariables(processInstanceId).forEach((name, value) -> values.put(name, String.valueOf(value)));
        return values;
    }

    private static void expect4xx(java.net.http.HttpResponse<String> response, String message) {
        assertThat(response.statusCode()).as("refused with a 4xx: %s", response.body()).isBetween(400, 499);
        assertThat(response.body()).as("the refusal says why").isNotBlank().contains(message);
    }

    private static void expect4xx(ResponseEntity<String> response, String message) {
        assertThat(response.getStatusCode().is4xxClientError())
                .as("refused with a 4xx, got %s: %s", response.getStatusCode(), response.getBody()).isTrue();
        assertThat(response.getBody()).as("the refusal says why").isNotBlank().contains(message);
    }

    private ResponseEntity<String> basic(String user, String password, HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (user != null) {
            headers.setBasicAuth(user, password);
        }
        return rest.exchange(URI.create(rest.getRootUri() + path), method, new HttpEntity<>(body, headers), String.class);
    }

    private WebappSession webapp(String user, String password) {
        return WebappSession.login(java.net.http.HttpClient.newHttpClient(), rest.getRootUri(), user, password);
    }
}
