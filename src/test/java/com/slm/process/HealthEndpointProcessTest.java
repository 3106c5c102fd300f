package com.slm.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slm.process.fixtures.PortDoubles;
import com.slm.process.fixtures.TestProfiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/health} without adapters (the default {@code slm.adapters.*: none}): anybody gets the status, only
 * admins get components and details, a DOWN component makes the whole health DOWN (503) but not liveness, and nothing
 * else of actuator exists.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(resolver = TestProfiles.class)
@Import({PortDoubles.class, HealthEndpointProcessTest.Switch.class})
class HealthEndpointProcessTest {
    static final AtomicBoolean DOWN = new AtomicBoolean();

    /** A component the test turns DOWN, as a dead daemon would be. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Switch {
        @Bean
        HealthIndicator testSwitchHealthIndicator() {
            return () -> DOWN.get() ? Health.down().withDetail("reason", "switched off by the test").build() : Health.up().build();
        }
    }

    @LocalServerPort
    int port;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void switchBackOn() {
        DOWN.set(false);
    }

    @Test
    void anAnonymousCallerSeesTheStatusAndNothingElse() throws Exception {
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            HttpResponse<String> answer = get(null, null, path);
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
            assertThat(json.readTree(answer.body())).as(path).isEqualTo(json.readTree("{\"status\":\"UP\"}"));
        }
        assertThat(get(null, null, "/actuator/health/db").statusCode()).as("no component by name").isEqualTo(404);
    }

    @Test
    void anAdminSeesEachComponentWithItsDetails() throws Exception {
        JsonNode health = json.readTree(get("admin", "test-admin", "/actuator/health").body());
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.get("components").get("db").get("details").get("database").asText()).isIn("H2", "PostgreSQL"); // the process tests run on both
        assertThat(health.get("components").has("testSwitch")).isTrue();
        assertThat(health.get("components").has("libvirtd")).as("no hypervisor adapter configured").isFalse();
        assertThat(health.get("components").has("charon")).as("no IPsec adapter configured").isFalse();

        assertThat(names(json.readTree(get("admin", "test-admin", "/actuator/health/readiness").body())))
                .containsExactlyInAnyOrder("readinessState", "db");
        assertThat(names(json.readTree(get("admin", "test-admin", "/actuator/health/liveness").body())))
                .containsExactly("livenessState");
    }

    @Test
    void operatorsAndAuditorsSeeOnlyTheStatus() throws Exception {
        assertThat(json.readTree(get("operator", "op-pass", "/actuator/health").body())).isEqualTo(json.readTree("{\"status\":\"UP\"}"));
        assertThat(json.readTree(get("auditor", "au-pass", "/actuator/health").body())).isEqualTo(json.readTree("{\"status\":\"UP\"}"));
        assertThat(get("operator", "op-pass", "/actuator/health/db").statusCode()).isEqualTo(404);
    }

    @Test
    void aWrongPasswordIsRefusedNotTreatedAsAnonymous() throws Exception {
        HttpResponse<String> answer = get("health-guesser", "wrong", "/actuator/health");
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).doesNotContain("UP").doesNotContain("DOWN");
    }

    @Test
    void aDownComponentMakesTheWholeHealthDownButNotLiveness() throws Exception {
        DOWN.set(true);
        HttpResponse<String> anonymous = get(null, null, "/actuator/health");
        assertThat(anonymous.statusCode()).isEqualTo(503);
        assertThat(json.readTree(anonymous.body())).isEqualTo(json.readTree("{\"status\":\"DOWN\"}"));

        JsonNode admin = json.readTree(get("admin", "test-admin", "/actuator/health").body());
        assertThat(admin.get("status").asText()).isEqualTo("DOWN");
        assertThat(admin.get("components").get("testSwitch").get("status").asText()).isEqualTo("DOWN");
        assertThat(admin.get("components").get("testSwitch").get("details").get("reason").asText()).isEqualTo("switched off by the test");
        assertThat(admin.get("components").get("db").get("status").asText()).isEqualTo("UP");

        assertThat(get(null, null, "/actuator/health/liveness").statusCode()).as("the application itself lives").isEqualTo(200);
    }

    @Test
    void nothingElseOfActuatorExistsForAnybody() throws Exception {
        List<String> paths = List.of("/actuator", "/actuator/env", "/actuator/env/spring.datasource.password",
                "/actuator/beans", "/actuator/configprops", "/actuator/heapdump", "/actuator/threaddump",
                "/actuator/loggers", "/actuator/mappings", "/actuator/metrics", "/actuator/info", "/actuator/conditions",
                "/actuator/scheduledtasks", "/actuator/shutdown");
        List<String> answered = new ArrayList<>();
        for (String path : paths) {
            for (String[] user : new String[][]{{null, null}, {"admin", "test-admin"}}) {
                int status = get(user[0], user[1], path).statusCode();
                if (status != 404) {
                    answered.add(path + " as " + user[0] + ": " + status);
                }
            }
        }
        assertThat(answered).isEmpty();
        assertThat(send(null, null, HttpRequest.newBuilder(uri("/actuator/shutdown")).POST(HttpRequest.BodyPublishers.noBody()))
                .statusCode()).isEqualTo(404);
    }

    private static List<String> names(JsonNode health) {
        List<String> names = new ArrayList<>();
        health.get("components").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private HttpResponse<String> get(String user, String password, String path) throws Exception {
        return send(user, password, HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> send(String user, String password, HttpRequest.Builder request) throws Exception {
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
