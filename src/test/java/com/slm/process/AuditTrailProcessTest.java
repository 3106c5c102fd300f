package com.slm.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slm.audit.AuditChain;
import com.slm.audit.AuditSealer;
import com.slm.process.fixtures.FakeHypervisor;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit trail: roles, list filters and pages, one migration's record, JSON and CSV, and the seal chain. */
class AuditTrailProcessTest extends ProcessTestSupport {
    @Autowired
    TestRestTemplate rest;
    @Autowired
    AuditSealer sealer;
    @Autowired
    AuditChain chain;
    @Autowired
    JdbcTemplate jdbc;
    final ObjectMapper json = new ObjectMapper();

    String completed;
    String rejected;

    @BeforeEach
    void twoMigrations() {
        ProcessInstance app = approvedMigration("app");
        runDueJobs(app);
        FakeHypervisor.completeMigration("app", SITE_B);
        advanceClock(3);
        runDueJobs(app);
        completed = app.getId();
        ProcessInstance web = startAs("operator", request("web"));
        runDueJobs(web);
        decideAs("approver", web, "reject");
        rejected = web.getId();
        sealer.sealFinished();
    }

    @Test
    void onlyAuditorsAndAdminsReadTheTrail() {
        assertThat(get(null, null, "/api/audit/migrations").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(get("operator", "op-pass", "/api/audit/migrations").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("approver", "ap-pass", "/api/audit/verify").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("auditor", "au-pass", "/api/audit/migrations").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get("admin", "test-admin", "/api/audit/migrations").getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void listsFiltersAndPagesNewestFirst() throws Exception {
        JsonNode all = body("/api/audit/migrations?size=200");
        assertThat(all.get("total").asInt()).isGreaterThanOrEqualTo(2);
        JsonNode onlyRejectedWeb = body("/api/audit/migrations?vm=web&outcome=REJECTED&size=200");
        assertThat(onlyRejectedWeb.get("rows").findValuesAsText("processInstanceId")).contains(rejected).doesNotContain(completed);
        // newest first: web was started 3 s (engine clock) after app
        List<String> ids = all.get("rows").findValuesAsText("processInstanceId");
        assertThat(ids).contains(rejected, completed);
        assertThat(ids.indexOf(rejected)).as("the newer migration comes first").isLessThan(ids.indexOf(completed));
        List<Instant> started = all.get("rows").findValuesAsText("started").stream().map(Instant::parse).toList();
        assertThat(started).hasSize(ids.size()).isSortedAccordingTo(Comparator.reverseOrder());
        JsonNode firstPage = body("/api/audit/migrations?page=0&size=1");
        assertThat(firstPage.get("rows")).hasSize(1);
        assertThat(firstPage.get("total").asInt()).isEqualTo(all.get("total").asInt());
        assertThat(firstPage.get("rows").get(0).get("processInstanceId").asText()).isEqualTo(ids.get(0));
        JsonNode secondPage = body("/api/audit/migrations?page=1&size=1");
        assertThat(secondPage.get("rows").get(0).get("processInstanceId").asText()).isEqualTo(ids.get(1));
        JsonNode byEnvironment = body("/api/audit/migrations?environment=remote&outcome=COMPLETED&size=200");
        assertThat(byEnvironment.get("rows").findValuesAsText("processInstanceId")).contains(completed);
        assertThat(get("auditor", "au-pass", "/api/audit/migrations?size=100000").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void oneMigrationReadsStepByStepWithActorsAndItsSeal() throws Exception {
        JsonNode record = body("/api/audit/migrations/" + completed);
        assertThat(record.get("schemaVersion").asInt()).isEqualTo(2);
        assertThat(record.get("startedBy").asText()).isEqualTo("operator");
        assertThat(record.get("requestedBy").asText()).isEqualTo("operator");
        assertThat(record.get("interventions").isArray()).isTrue();
        assertThat(record.get("outcome").asText()).isEqualTo("COMPLETED");
        assertThat(record.get("variables").get("approver").asText()).isEqualTo("approver");
        assertThat(record.get("steps").findValuesAsText("activityId")).contains("Block320_DisableCommunication", "Block395_End");
        assertThat(record.get("steps").findValuesAsText("block")).contains("320", "330", "370", "395");
        assertThat(record.get("seal").get("hash").asText()).hasSize(64);
        assertThat(record.toString()).doesNotContainIgnoringCase("password").doesNotContainIgnoringCase("psk");

        String csv = get("auditor", "au-pass", "/api/audit/migrations/" + completed + "?format=csv").getBody();
        assertThat(csv).startsWith("processInstanceId,seq,activityId,block,name,type,start,end,durationMs,assignee,outcome\r\n")
                .contains("Block370_EnableCommunication");
        String list = get("auditor", "au-pass", "/api/audit/migrations?format=csv&size=200").getBody();
        assertThat(list).startsWith("processInstanceId,vm,sourceEnvironment,targetEnvironment,outcome,startedBy,approver,started,ended,durationMs,sealed\r\n")
                .contains(completed);
    }

    @Test
    void editingAStoredRecordBreaksTheChainAndNamesTheRecord() throws Exception {
        assertThat(body("/api/audit/verify").get("valid").asBoolean()).isTrue();
        Long seq = jdbc.queryForObject("SELECT seq FROM slm_audit_seal WHERE process_instance_id = ?", Long.class, completed);
        String original = jdbc.queryForObject("SELECT record FROM slm_audit_seal WHERE seq = ?", String.class, seq);
        try {
            jdbc.update("UPDATE slm_audit_seal SET record = ? WHERE seq = ?", original.replace("\"approver\"", "\"mallory\""), seq);
            JsonNode verification = body("/api/audit/verify");
            assertThat(verification.get("valid").asBoolean()).isFalse();
            assertThat(verification.get("firstBrokenSeq").asLong()).isEqualTo(seq);
            assertThat(verification.get("firstBrokenProcessInstanceId").asText()).isEqualTo(completed);
        } finally {
            jdbc.update("UPDATE slm_audit_seal SET record = ? WHERE seq = ?", original, seq);
        }
        assertThat(chain.verify().valid()).isTrue();
    }

    private JsonNode body(String path) throws Exception {
        ResponseEntity<String> response = get("auditor", "au-pass", path);
        assertThat(response.getStatusCode()).as(path + ": " + response.getBody()).isEqualTo(HttpStatus.OK);
        return json.readTree(response.getBody());
    }

    private ResponseEntity<String> get(String user, String password, String path) {
        HttpHeaders headers = new HttpHeaders();
        if (user != null) {
            headers.setBasicAuth(user, password);
        }
        return rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }
}
