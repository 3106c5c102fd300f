package com.slm.process;

import com.slm.domain.ProcessVariables;
import com.slm.process.fixtures.FakeWorld;
import com.slm.process.fixtures.PortDoubles;
import com.slm.process.fixtures.TestProfiles;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST API as a client meets it: login, roles, the four-eyes rule and the edge validation. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(resolver = TestProfiles.class)
@Import(PortDoubles.class)
class RestSecurityProcessTest {
    private static final String START = "/engine-rest/process-definition/key/secureLiveMigration/start";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;

    @BeforeEach
    void world() {
        FakeWorld.WORLD.reset();
        FakeWorld.WORLD.vmRunsAt("app", ProcessTestSupport.SITE_A);
        FakeWorld.WORLD.vmRunsAt("db", ProcessTestSupport.SITE_A);
    }

    @org.junit.jupiter.api.AfterEach
    void cleanUp() {
        ProcessTestSupport.deleteRunningMigrations(runtime);
    }

    @Test
    void everyEndpointNeedsALogin() {
        assertThat(call(null, null, HttpMethod.GET, "/engine-rest/process-definition", null).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        // A wrong password (for a throw-away user: a failure counts against this client address, docs/security.md)
        assertThat(call("operator-typo", "wrong", HttpMethod.GET, "/engine-rest/process-definition", null).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        ResponseEntity<String> definitions = call("admin", "test-admin", HttpMethod.GET, "/engine-rest/process-definition", null);
        assertThat(definitions.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(definitions.getBody()).contains("\"key\":\"secureLiveMigration\"");
    }

    @Test
    void anOperatorStartsButCannotApproveTheirOwnRequestAndAnotherApproverCan() {
        ResponseEntity<String> started = call("lead", "le-pass", HttpMethod.POST, START, startBody("app", "remote"));
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
        String instanceId = started.getBody().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        runJobs(instanceId);
        String taskId = tasks.createTaskQuery().processInstanceId(instanceId).singleResult().getId();

        String complete = "/engine-rest/task/" + taskId + "/complete";
        String decision = "{\"variables\":{\"approvalDecision\":{\"value\":\"approve\"}}}";
        assertThat(call("lead", "le-pass", HttpMethod.POST, complete, decision).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(call("lead", "le-pass", HttpMethod.GET, "/engine-rest/task?processInstanceId=" + instanceId, null).getBody())
                .as("Tasklist does not even list it to the initiator").isEqualTo("[]");
        assertThat(call("approver", "ap-pass", HttpMethod.POST, complete, decision).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(runtime.getVariable(instanceId, ProcessVariables.APPROVER)).isEqualTo("approver");
    }

    @Test
    void anAuditorCannotStartAMigration() {
        long before = runtime.createProcessInstanceQuery().count();
        assertThat(call("auditor", "au-pass", HttpMethod.POST, START, startBody("app", "remote")).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(before);
    }

    @Test
    void badInputIsRefusedWith400AndCreatesNoInstance() {
        long before = runtime.createProcessInstanceQuery().count();
        for (String path : new String[]{START, "/engine-rest/process-definition/key/secureLiveMigration/submit-form"}) {
            ResponseEntity<String> refused = call("operator", "op-pass", HttpMethod.POST, path, startBody("app", "secure"));
            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(refused.getBody()).contains("Target environment must differ from the source environment");
        }
        ResponseEntity<String> garbage = call("operator", "op-pass", HttpMethod.POST, START, "{not json");
        assertThat(garbage.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        ResponseEntity<String> empty = call("operator", "op-pass", HttpMethod.POST, START, "{}");
        assertThat(empty.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(empty.getBody()).contains("VM name is required");
        assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(before);
    }

    private void runJobs(String instanceId) {
        for (Job job = next(instanceId); job != null; job = next(instanceId)) {
            management.executeJob(job.getId());
        }
    }

    private Job next(String instanceId) {
        return management.createJobQuery().processInstanceId(instanceId).executable().list().stream().findFirst().orElse(null);
    }

    private static String startBody(String vm, String target) {
        String host = "secure".equals(target) ? "site-a" : "site-b";
        return """
                {"variables": {
                  "vmName": {"value": "%s"}, "sourceEnvironment": {"value": "secure"}, "sourceHost": {"value": "site-a"},
                  "targetEnvironment": {"value": "%s"}, "targetHost": {"value": "%s"},
                  "reason": {"value": "maintenance"}, "bandwidthMiBps": {"value": 100, "type": "Integer"}}}
                """.formatted(vm, target, host);
    }

    private ResponseEntity<String> call(String user, String password, HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (user != null) {
            headers.setBasicAuth(user, password);
        }
        return rest.exchange(path, method, new HttpEntity<>(body, headers), String.class, Map.of());
    }
}
