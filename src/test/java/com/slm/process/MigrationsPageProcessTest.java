package com.slm.process;

import com.slm.domain.ProcessVariables;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slm.process.fixtures.FakeHypervisor;
import com.slm.process.fixtures.FakeWorld;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read API of the "My migrations" page ({@code GET /api/migrations}, {@code /{id}}, {@code /{id}/diagram.svg}):
 * who sees what, and what it says about a migration at approval, during block 330, completed and with an incident.
 */
class MigrationsPageProcessTest extends ProcessTestSupport {
    private static final Map<String, String> PASSWORDS = Map.of("operator", "op-pass", "approver", "ap-pass",
            "auditor", "au-pass", "lead", "le-pass", "admin", "test-admin");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate rest;

    @Test
    void withoutCredentialsEverythingIs401() {
        ProcessInstance instance = startAs("operator", request("app"));
        for (String path : List.of("/api/migrations", "/api/migrations/" + instance.getId(),
                "/api/migrations/" + instance.getId() + "/diagram.svg")) {
            assertThat(get(null, path).getStatusCode().value()).as(path).isEqualTo(401);
        }
        HttpHeaders wrong = new HttpHeaders();
        wrong.setBasicAuth("operator", "not-the-password");
        assertThat(rest.exchange(URI.create(rest.getRootUri() + "/api/migrations"), HttpMethod.GET,
                new HttpEntity<>(wrong), String.class).getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void anOperatorSeesTheirOwnMigrationsOnlyAndAForeignIdIs404() {
        ProcessInstance own = startAs("operator", request("app"));
        ProcessInstance leads = startAs("lead", request("db"));

        assertThat(ids("operator")).contains(own.getId()).doesNotContain(leads.getId());
        assertThat(get("operator", "/api/migrations/" + leads.getId()).getStatusCode().value()).isEqualTo(404);
        assertThat(get("operator", "/api/migrations/" + leads.getId() + "/diagram.svg").getStatusCode().value()).isEqualTo(404);
        assertThat(get("operator", "/api/migrations/" + own.getId()).getStatusCode().value()).isEqualTo(200);
        assertThat(body("operator", "/api/migrations").path("seesAll").asBoolean()).isFalse();
    }

    @Test
    void approversAuditorsAndAdminsSeeEveryMigrationAndOnlyOperatorsAndAdminsMayCancel() {
        ProcessInstance own = startAs("operator", request("app"));
        ProcessInstance leads = startAs("lead", request("db"));
        runDueJobs(own);
        runDueJobs(leads);
        for (String user : List.of("approver", "auditor", "admin", "lead")) {
            assertThat(ids(user)).as(user).contains(own.getId(), leads.getId());
            assertThat(body(user, "/api/migrations/" + own.getId()).path("phase").asText()).isEqualTo("WAITING_FOR_APPROVAL");
        }
        assertThat(body("operator", "/api/migrations/" + own.getId()).path("cancellable").asBoolean()).isTrue();
        assertThat(body("admin", "/api/migrations/" + own.getId()).path("cancellable").asBoolean()).isTrue();
        for (String user : List.of("approver", "auditor", "lead")) {
            assertThat(body(user, "/api/migrations/" + own.getId()).path("cancellable").asBoolean()).as(user).isFalse();
        }
        // Reading is open to every role; the cancel stays with operators (their own) and admins.
        String cancel = "/api/migrations/" + own.getId() + "/cancel";
        assertThat(call("approver", HttpMethod.POST, cancel).getStatusCode().value()).isEqualTo(403);
        assertThat(call("auditor", HttpMethod.POST, cancel).getStatusCode().value()).isEqualTo(403);
        assertThat(call("lead", HttpMethod.POST, cancel).getStatusCode().value()).isEqualTo(404);
        assertThat(variable(own, ProcessVariables.OUTCOME)).isNull();
    }

    @Test
    void idsThatAreNotUuidsAre400() {
        for (String id : List.of("not-an-id", "1234", "..%2F..", "' or 1=1 --")) {
            String path = "/api/migrations/" + id.replace(" ", "%20").replace("'", "%27");
            assertThat(get("operator", path).getStatusCode().value()).as(id).isEqualTo(400);
            assertThat(get("operator", path + "/diagram.svg").getStatusCode().value()).as(id).isIn(400, 404);
            assertThat(call("operator", HttpMethod.POST, path + "/cancel").getStatusCode().value()).as(id).isIn(400, 404);
        }
        assertThat(get("operator", "/api/migrations/not-an-id").getBody()).contains("expected a UUID");
        assertThat(get("operator", "/api/migrations/00000000-0000-0000-0000-000000000000").getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void atTheApprovalThePageShowsTheSealedRequestThePhaseTheTaskAndTheCancel() {
        ProcessInstance instance = startAs("operator", request("app"));
        runDueJobs(instance);

        JsonNode detail = body("operator", "/api/migrations/" + instance.getId());
        assertThat(detail.path("phase").asText()).isEqualTo("WAITING_FOR_APPROVAL");
        assertThat(detail.path("phaseLabel").asText()).isEqualTo("waiting for approval");
        assertThat(detail.path("currentStep").path("activityId").asText()).isEqualTo("ApproveMigration");
        assertThat(detail.path("request").path("vm").asText()).isEqualTo("app");
        assertThat(detail.path("request").path("source").asText()).isEqualTo("secure / site-a");
        assertThat(detail.path("request").path("target").asText()).isEqualTo("remote / site-b");
        assertThat(detail.path("request").path("reason").asText()).isEqualTo("maintenance of site A");
        assertThat(detail.path("request").path("mode").toString()).contains("bandwidth limit 100 MiB/s", "maximum downtime 300 ms");
        assertThat(detail.path("requestedBy").asText()).isEqualTo("operator");
        assertThat(detail.path("progress").isNull()).isTrue();
        assertThat(detail.path("incident").isNull()).isTrue();
        assertThat(detail.path("cancellable").asBoolean()).isTrue();
        assertThat(get("operator", "/api/migrations/" + instance.getId() + "/diagram.svg").getBody())
                .contains("<g class=\"active\" data-id=\"ApproveMigration\">")
                .contains("<g class=\"passed\" data-id=\"RunPreChecks\">");
        JsonNode row = row("operator", instance.getId());
        assertThat(row.path("vm").asText()).isEqualTo("app");
        assertThat(row.path("phase").asText()).isEqualTo("WAITING_FOR_APPROVAL");
        assertThat(get("operator", "/api/migrations/" + instance.getId()).getHeaders().getCacheControl()).contains("no-store");
    }

    @Test
    void duringBlock330ThePageShowsLiveProgressReadAtMostOncePerSecond() throws InterruptedException {
        ProcessInstance instance = approvedMigration("app");
        runDueJobs(instance);

        JsonNode detail = body("operator", "/api/migrations/" + instance.getId());
        assertThat(detail.path("phase").asText()).isEqualTo("MIGRATING");
        assertThat(detail.path("currentStep").path("block").asText()).isEqualTo("330");
        assertThat(detail.path("currentStep").path("activityId").asText()).isEqualTo("Block330_LiveMigrate");
        JsonNode progress = detail.path("progress");
        assertThat(progress.path("source").asText()).isEqualTo("hypervisor");
        assertThat(progress.path("percent").asInt()).isEqualTo(40);
        assertThat(progress.path("memoryTotalBytes").asLong()).isEqualTo(100L << 20);
        assertThat(progress.path("memoryCopiedBytes").asLong()).isEqualTo(40L << 20);
        assertThat(progress.path("rateBytesPerSecond").asLong()).isEqualTo(50L << 20);
        assertThat(progress.path("dirtyBytesPerSecond").asLong()).isEqualTo(1L << 20);
        assertThat(progress.path("iteration").asLong()).isEqualTo(1);
        assertThat(progress.path("etaSeconds").asLong()).isEqualTo(2); // 60 MiB left, gaining 49 MiB/s
        assertThat(progress.path("expectedDowntimeMs").asLong()).isEqualTo(120);
        assertThat(progress.path("linksDownMs").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(detail.path("cancellable").asBoolean()).isTrue();
        assertThat(get("operator", "/api/migrations/" + instance.getId() + "/diagram.svg").getBody())
                .contains("<g class=\"active\" data-id=\"Block330_LiveMigrate\">")
                .contains("<g class=\"passed\" data-id=\"Block320_DisableCommunication\">");
        assertThat(row("operator", instance.getId()).path("block").asText()).isEqualTo("330");

        // Many viewers within a second: one read of the hypervisor answers them all.
        long reads = WORLD.count("migrationProgress");
        FakeHypervisor.progressTo("app", 70);
        for (String user : List.of("operator", "approver", "admin", "auditor")) {
            body(user, "/api/migrations/" + instance.getId());
        }
        assertThat(WORLD.count("migrationProgress") - reads).isLessThanOrEqualTo(1);
        Thread.sleep(1100);
        JsonNode later = body("operator", "/api/migrations/" + instance.getId()).path("progress");
        assertThat(later.path("percent").asInt()).isEqualTo(70);
        assertThat(later.path("memoryCopiedBytes").asLong()).isEqualTo(70L << 20);
    }

    @Test
    void whenTheHypervisorDoesNotAnswerThePageShowsTheLastPollAndSaysWhy() throws InterruptedException {
        ProcessInstance instance = approvedMigration("app");
        runDueJobs(instance);
        Thread.sleep(1100);
        WORLD.failAlways("migrationProgress", FakeWorld.down("libvirtd at secure/site-a"));

        JsonNode progress = body("operator", "/api/migrations/" + instance.getId()).path("progress");
        assertThat(progress.path("source").asText()).isEqualTo("last poll");
        assertThat(progress.path("percent").asInt()).isEqualTo(40);
        assertThat(progress.path("note").asText()).contains("libvirtd at secure/site-a does not answer");
    }

    @Test
    void aCompletedMigrationShowsItsOutcomeAndNoCancel() {
        ProcessInstance instance = approvedMigration("app");
        runDueJobs(instance);
        FakeHypervisor.completeMigration("app", SITE_B);
        advanceClock(3);
        runDueJobs(instance);
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).singleResult()
                .getEndTime()).isNotNull();

        JsonNode detail = body("operator", "/api/migrations/" + instance.getId());
        assertThat(detail.path("phase").asText()).isEqualTo("COMPLETED");
        assertThat(detail.path("currentStep").isNull()).isTrue();
        assertThat(detail.path("progress").isNull()).isTrue();
        assertThat(detail.path("cancellable").asBoolean()).isFalse();
        assertThat(detail.path("approver").asText()).isEqualTo("approver");
        assertThat(detail.path("ended").isNull()).isFalse();
        assertThat(get("operator", "/api/migrations/" + instance.getId() + "/diagram.svg").getBody())
                .contains("<g class=\"passed\" data-id=\"Block395_End\">").doesNotContain("class=\"active\"");
    }

    @Test
    void anIncidentIsShownInPlainWordsWithWhatTheVmsStateMeansNow() {
        WORLD.failAlways("installVmPolicy", FakeWorld.down("charon at remote"));
        ProcessInstance instance = approvedMigration("app");
        runDueJobs(instance);
        FakeHypervisor.completeMigration("app", SITE_B);
        advanceClock(3);
        runDueJobsExpectingFailures(instance);
        for (int attempt = 0; attempt < 6 && runtime.createIncidentQuery().processInstanceId(instance.getId()).count() == 0; attempt++) {
            advanceClock(61);
            runDueJobsExpectingFailures(instance);
        }
        assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).count())
                .as("incident; jobs: %s", management.createJobQuery().processInstanceId(instance.getId()).list()).isEqualTo(1);

        JsonNode detail = body("operator", "/api/migrations/" + instance.getId());
        assertThat(detail.path("phase").asText()).isEqualTo("INCIDENT");
        JsonNode incident = detail.path("incident");
        assertThat(incident.path("step").asText()).isEqualTo("Install IPsec policy (270A/270B)");
        assertThat(incident.path("whatFailed").asText()).contains("charon at remote does not answer").doesNotContain("State:");
        assertThat(incident.path("vmState").asText()).contains("VM 'app' has migrated to remote/site-b and is paused there")
                .contains("links are DOWN");
        assertThat(incident.path("whatNext").asText()).contains("retries this step");
        assertThat(detail.path("currentStep").path("block").asText()).isEqualTo("345");
        assertThat(detail.path("cancellable").asBoolean()).isFalse();
        assertThat(row("operator", instance.getId()).path("phase").asText()).isEqualTo("INCIDENT");
    }

    @Test
    void answersHoldNoSecretsAndNoJavaObjects() {
        ProcessInstance instance = approvedMigration("app");
        runDueJobs(instance);
        for (String path : List.of("/api/migrations", "/api/migrations/" + instance.getId())) {
            String answer = get("admin", path).getBody();
            assertThat(answer).doesNotContain("op-pass", "ap-pass", "test-admin", "password", "secret", "psk",
                    "@class", "java.", "migrationRequest", "rO0");
        }
    }

    private List<String> ids(String user) {
        List<String> ids = new ArrayList<>();
        body(user, "/api/migrations").path("migrations").forEach(m -> ids.add(m.path("id").asText()));
        return ids;
    }

    private JsonNode row(String user, String id) {
        for (JsonNode m : body(user, "/api/migrations").path("migrations")) {
            if (m.path("id").asText().equals(id)) {
                return m;
            }
        }
        throw new AssertionError("no row " + id + " for " + user);
    }

    private JsonNode body(String user, String path) {
        ResponseEntity<String> response = get(user, path);
        assertThat(response.getStatusCode().value()).as("%s %s: %s", user, path, response.getBody()).isEqualTo(200);
        try {
            return JSON.readTree(response.getBody());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }

    private ResponseEntity<String> get(String user, String path) {
        return call(user, HttpMethod.GET, path);
    }

    private ResponseEntity<String> call(String user, HttpMethod method, String path) {
        HttpHeaders headers = new HttpHeaders();
        if (user != null) {
            headers.setBasicAuth(user, PASSWORDS.get(user));
        }
        return rest.exchange(URI.create(rest.getRootUri() + path), method, new HttpEntity<>(headers), String.class);
    }
}
