package com.slm.process;

import com.slm.process.fixtures.FakeHypervisor;
import com.slm.process.fixtures.FakeWorld;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import com.slm.testing.Promtool;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.slm.domain.ProcessVariables.PROCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/**
 * {@code /actuator/prometheus} after migrations driven against the port doubles: the product's {@code slm_*} meters
 * count and time what the engine committed, the scrape is valid Prometheus text ({@code promtool check metrics}),
 * and only admins may read it. The meters live as long as the test class's application, so each test compares a
 * scrape after with one before. Spring Boot's tests switch metrics export off unless asked for (the annotation).
 */
@AutoConfigureObservability(tracing = false)
class MetricsProcessTest extends ProcessTestSupport {
    private static final String COMPLETED = "slm_migrations_ended_total{outcome=\"COMPLETED\"}";
    private static final String ROLLED_BACK = "slm_migrations_ended_total{outcome=\"ROLLED_BACK\"}";
    private static final String STARTED = "slm_migrations_started_total";
    private static final String APPROVAL_WAITS = "slm_approval_wait_seconds_count";
    private static final String LINKS_DOWN = "slm_links_down_seconds_count";
    private static final String QEMU_DOWNTIME = "slm_qemu_downtime_seconds_count";
    private static final String QEMU_DOWNTIME_SUM = "slm_qemu_downtime_seconds_sum";

    @LocalServerPort
    int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aCompletedMigrationIsCountedAndTimedAndTheScrapeIsValidPrometheusText() throws Exception {
        Map<String, Double> before = scrapeAsAdmin();

        ProcessInstance instance = approvedMigration("app");
        runDueJobs(instance);
        FakeHypervisor.completeMigration("app", SITE_B);
        advanceClock(3);
        runDueJobs(instance);
        assertThat(instance).isEnded().hasPassed("Block395_End");

        String text = scrapeText("admin", "test-admin");
        Map<String, Double> after = series(text);
        assertThat(delta(before, after, STARTED)).isEqualTo(1);
        assertThat(delta(before, after, COMPLETED)).isEqualTo(1);
        assertThat(delta(before, after, APPROVAL_WAITS)).isEqualTo(1);
        for (String block : List.of("Block315_SelectTargetEnvironment", "RunPreChecks", "Block320_DisableCommunication",
                "Block325_CloseVmAtSource", "InstallIpsecPolicy", "ResumeVmAtTarget", "Block370_EnableCommunication")) {
            assertThat(delta(before, after, blockCount(block))).as(block).isEqualTo(1);
        }
        assertThat(delta(before, after, blockCount("Block330_LiveMigrate"))).as("two visits: running, completed").isEqualTo(2);
        assertThat(after).doesNotContainKey(blockCount("Block340_EstablishTunnel"));
        assertThat(delta(before, after, LINKS_DOWN)).isEqualTo(1);
        assertThat(delta(before, after, QEMU_DOWNTIME)).isEqualTo(1);
        assertThat(delta(before, after, QEMU_DOWNTIME_SUM)).as("the doubles' 150 ms").isCloseTo(0.150, within(1e-9));
        assertThat(after).containsKey("slm_links_down_seconds_bucket{le=\"1.0\"}")
                .containsKey("slm_open_incidents{block=\"InstallIpsecPolicy\"}")
                .containsKey("slm_open_incidents{block=\"WaitForRoutingCore\"}")
                .containsKey("slm_migrations_ended_total{outcome=\"CANCELLED\"}");
        // Spring Boot's standard meters stay: the JVM, the process, the database pool, HTTP requests
        assertThat(text).contains("jvm_memory_used_bytes{", "process_uptime_seconds", "hikaricp_connections{",
                "http_server_requests_seconds_count{");
        assertThat(text).as("no IPsec adapter configured here").doesNotContain("slm_ipsec_sa_recoveries");
        assertThat(text).as("no VM, host or user in a tag").doesNotContain("app\"", "site-b", "operator", "approver");

        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).includeDeleted().list())
                .as("the steps' start times are transient: never stored, never in history")
                .noneMatch(v -> v.getName().startsWith("slmMetrics"));
        Files.writeString(Path.of("target", "prometheus-scrape.txt"), text); // a sample for the reader of a failure
        Promtool.assertValidPrometheusText(text);
    }

    @Test
    void aFailingStepIsAnIncidentGaugeAndIsTimedOnlyOnceItCompletes() throws Exception {
        WORLD.failAlways("installVmPolicy", FakeWorld.down("charon at remote"));
        String install = blockCount("InstallIpsecPolicy");
        String openAtInstall = "slm_open_incidents{block=\"InstallIpsecPolicy\"}";
        Map<String, Double> before = scrapeAsAdmin();

        ProcessInstance instance = approvedMigration("app");
        runDueJobs(instance);
        FakeHypervisor.completeMigration("app", SITE_B);
        advanceClock(3);
        runDueJobsExpectingFailures(instance);
        Incident incident = null;
        for (int attempt = 0; attempt < 10 && incident == null; attempt++) {
            advanceClock(61); // the retry cycle after the target, whatever its length
            runDueJobsExpectingFailures(instance);
            incident = runtime.createIncidentQuery().processInstanceId(instance.getId()).singleResult();
        }
        assertThat(incident).as("the step's retries ran out").isNotNull();
        assertThat(incident.getActivityId()).isEqualTo("InstallIpsecPolicy");

        Map<String, Double> failing = scrapeAsAdmin();
        assertThat(failing.get(openAtInstall)).isEqualTo(1);
        assertThat(delta(before, failing, install)).as("every attempt failed").isZero();
        assertThat(delta(before, failing, "slm_migrations_ended_total{outcome=\"COMPLETED\"}")).isZero();

        WORLD.heal("installVmPolicy");
        management.setJobRetries(incident.getConfiguration(), 1);
        advanceClock(61); // past the due date the last failure set
        runDueJobs(instance);
        assertThat(instance).isEnded().hasPassed("Block395_End");

        Map<String, Double> after = scrapeAsAdmin();
        assertThat(after.get(openAtInstall)).isZero();
        assertThat(delta(before, after, install)).isEqualTo(1);
        assertThat(delta(before, after, COMPLETED)).isEqualTo(1);
    }

    @Test
    void aRolledBackMigrationIsCountedWithoutLinksDownOrDowntime() throws Exception {
        Map<String, Double> before = scrapeAsAdmin();
        ProcessInstance instance = approvedMigration("app");
        runDueJobs(instance);
        FakeHypervisor.failMigration("app");
        advanceClock(3);
        runDueJobs(instance);
        assertThat(instance).isEnded().hasPassed("EndRolledBack");

        Map<String, Double> after = scrapeAsAdmin();
        assertThat(delta(before, after, STARTED)).isEqualTo(1);
        assertThat(delta(before, after, ROLLED_BACK)).isEqualTo(1);
        assertThat(delta(before, after, COMPLETED)).isZero();
        assertThat(delta(before, after, LINKS_DOWN)).isZero();
        assertThat(delta(before, after, QEMU_DOWNTIME)).isZero();
        assertThat(delta(before, after, blockCount("RollBackMigration"))).isEqualTo(1);
        assertThat(delta(before, after, blockCount("Block330_LiveMigrate")))
                .as("the visit that found the migration failed did not complete").isEqualTo(1);
    }

    @Test
    void aStartRefusedByBlock310IsNotCounted() throws Exception {
        Map<String, Double> before = scrapeAsAdmin();
        startAs("operator", request("app"));
        assertThatThrownBy(() -> startAs("operator", request("app")))
                .as("block 310 refuses a second migration of the same VM: no instance")
                .hasMessageContaining("VM 'app' is already being migrated");
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).count()).isEqualTo(1);
        assertThat(delta(before, scrapeAsAdmin(), STARTED)).as("the first only").isEqualTo(1);
    }

    @Test
    void onlyAdminsMayScrape() throws Exception {
        HttpResponse<String> anonymous = get(null, null, "/actuator/prometheus");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(anonymous.body()).doesNotContain("slm_");
        for (String[] user : new String[][]{{"operator", "op-pass"}, {"approver", "ap-pass"}, {"auditor", "au-pass"}}) {
            HttpResponse<String> refused = get(user[0], user[1], "/actuator/prometheus");
            assertThat(refused.statusCode()).as(user[0]).isEqualTo(403);
            assertThat(refused.body()).as(user[0]).doesNotContain("slm_");
        }
        assertThat(get("admin", "wrong", "/actuator/prometheus").statusCode()).isEqualTo(401);
        assertThat(get("admin", "test-admin", "/actuator/prometheus").statusCode()).isEqualTo(200);
    }

    @Test
    void theRestOfActuatorStaysClosed() throws Exception {
        List<String> answered = new ArrayList<>();
        for (String path : List.of("/actuator", "/actuator/metrics", "/actuator/metrics/slm.migrations.started",
                "/actuator/env", "/actuator/beans", "/actuator/configprops", "/actuator/heapdump", "/actuator/loggers")) {
            for (String[] user : new String[][]{{null, null}, {"admin", "test-admin"}}) {
                int status = get(user[0], user[1], path).statusCode();
                if (status != 404) {
                    answered.add(path + " as " + user[0] + ": " + status);
                }
            }
        }
        assertThat(answered).isEmpty();
        assertThat(get(null, null, "/actuator/health").statusCode()).as("the probes stay anonymous").isEqualTo(200);
    }

    private static String blockCount(String block) {
        return "slm_block_duration_seconds_count{block=\"" + block + "\"}";
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String series) {
        return after.getOrDefault(series, 0.0) - before.getOrDefault(series, 0.0);
    }

    private Map<String, Double> scrapeAsAdmin() throws Exception {
        return series(scrapeText("admin", "test-admin"));
    }

    private String scrapeText(String user, String password) throws Exception {
        HttpResponse<String> answer = get(user, password, "/actuator/prometheus");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        return answer.body();
    }

    /** Each sample of the text format: {@code name{labels}} to its value. */
    private static Map<String, Double> series(String text) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return samples;
    }

    private HttpResponse<String> get(String user, String password, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
