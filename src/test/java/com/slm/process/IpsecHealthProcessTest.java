package com.slm.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slm.adapter.strongswan.vici.HungCharon;
import com.slm.process.fixtures.TestProfiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real strongSwan adapter's health against gateways that fail: the secure side's charon is gone (no socket), the
 * remote one hangs (accepts, never answers). The health call still answers at once, DOWN, naming both charons and
 * the kept CHILD_SA with the sites that lack it; liveness stays UP; no secret shows anywhere.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "slm.adapters.ipsec=strongswan",
        "slm.strongswan.watch-interval=PT0.2S",
        "slm.strongswan.call-timeout=PT1S",
        "slm.health.check-timeout=PT0.5S"})
@ActiveProfiles(resolver = TestProfiles.class)
@ExtendWith(OutputCaptureExtension.class)
@AutoConfigureObservability(tracing = false) // for the recoveries meter at /actuator/prometheus
class IpsecHealthProcessTest {
    private static final String PSK = "Psk-health-7c1e-NeverPrintMe";
    private static final Path DIR = temporaryFolder();
    private static HungCharon hungCharon;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @DynamicPropertySource
    static void gateways(DynamicPropertyRegistry registry) throws IOException {
        Path psk = Files.writeString(DIR.resolve("psk"), PSK);
        Path hung = DIR.resolve("remote-charon.vici");
        hungCharon = new HungCharon(hung);
        gateway(registry, "secure", DIR.resolve("gone/charon.vici"), "203.0.113.1", psk);
        gateway(registry, "remote", hung, "203.0.113.2", psk);
    }

    private static void gateway(DynamicPropertyRegistry registry, String environment, Path socket, String address, Path psk) {
        String prefix = "slm.strongswan.gateways." + environment + ".";
        registry.add(prefix + "vici-socket", socket::toString);
        registry.add(prefix + "address", () -> address);
        registry.add(prefix + "identity", () -> address);
        registry.add(prefix + "psk-file", psk::toString);
    }

    @AfterAll
    static void stopHungCharon() throws IOException {
        hungCharon.close();
    }

    @BeforeEach
    void appMovedAndItsChildSaKept() {
        jdbc.update("DELETE FROM slm_ipsec_child");
        jdbc.update("INSERT INTO slm_ipsec_child (conn, child, secure_environment, target_environment, secure_ts, target_ts, "
                + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", "slm-secure-remote", "slm-vm-app", "secure", "remote",
                "192.0.2.0/26,192.0.2.64/26", "192.0.2.11/32", Timestamp.from(Instant.now()));
    }

    @Test
    void deadAndHungCharonsMakeTheHealthDownAtOnceNamingThemAndTheChildSa(CapturedOutput output) throws Exception {
        JsonNode health = awaitChildSasChecked();
        assertThat(health.get("status").asText()).isEqualTo("DOWN");

        JsonNode charon = health.get("components").get("charon");
        assertThat(charon.get("status").asText()).isEqualTo("DOWN");
        assertThat(charon.get("details").get("secure").get("error").asText()).startsWith("charon of secure (");
        assertThat(charon.get("details").get("remote").get("error").asText()).isEqualTo("no answer within 500 ms");

        JsonNode childSas = health.get("components").get("childSas");
        assertThat(childSas.get("status").asText()).isEqualTo("DOWN");
        assertThat(childSas.get("details").get("down").get(0).asText())
                .startsWith("CHILD_SA slm-secure-remote/slm-vm-app not INSTALLED on secure and remote since ");

        long started = System.nanoTime();
        HttpResponse<String> anonymous = get(null, "/actuator/health");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("a hung charon does not hang the health call")
                .isLessThan(Duration.ofSeconds(3));
        assertThat(anonymous.statusCode()).isEqualTo(503);
        assertThat(json.readTree(anonymous.body())).isEqualTo(json.readTree("{\"status\":\"DOWN\"}"));

        assertThat(get(null, "/actuator/health/readiness").statusCode()).as("charon is part of readiness").isEqualTo(503);
        assertThat(get(null, "/actuator/health/sas").statusCode()).isEqualTo(503);
        assertThat(get(null, "/actuator/health/liveness").statusCode()).as("a dead charon must not restart the product")
                .isEqualTo(200);

        assertThat(health.toString()).doesNotContain(PSK).doesNotContain("test-admin");
        assertThat(output.getAll()).doesNotContain(PSK);
    }

    /** The admin's view once the watchdog has looked at the kept CHILD_SA (it runs every 0.2 s here). */
    private JsonNode awaitChildSasChecked() throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        JsonNode health = null;
        while (System.currentTimeMillis() < deadline) {
            health = json.readTree(get("admin", "/actuator/health").body());
            JsonNode children = health.path("components").path("childSas").path("details").path("children");
            if (children.path("slm-secure-remote/slm-vm-app").path("status").asText().equals("DOWN")) {
                return health;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the watchdog never recorded slm-vm-app: " + health);
    }

    /** The watchdog's recoveries are scraped with the adapter (none here: neither charon can be reached). */
    @Test
    void theWatchdogsRecoveriesAreAMeterOfTheAdapter() throws Exception {
        HttpResponse<String> scrape = get("admin", "/actuator/prometheus");
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("# TYPE slm_ipsec_sa_recoveries_total counter")
                .containsPattern("(?m)^slm_ipsec_sa_recoveries_total 0(\\.0)?$")
                .doesNotContain(PSK);
    }

    private HttpResponse<String> get(String user, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":test-admin").getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("slm-health-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
