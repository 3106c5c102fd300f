package com.slm.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.slm.lab.Lab;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/health} against the lab, after app moved to site B: every component UP; charon stopped on site B
 * turns it DOWN naming that charon and app's CHILD_SA (lacking on remote), while liveness stays UP and a stranger sees
 * the status only; charon started again, UP again within 30 s (the watchdog brings the SA back).
 */
class HealthLabIT {
    static final String APP_SA = "slm-secure-remote/slm-vm-app";
    @RegisterExtension
    static final LabProduct LAB = LabProduct.fresh();

    @BeforeAll
    static void migrateApp() throws Exception {
        LAB.migrated("app");
    }

    @Test
    void healthFollowsCharonOnSiteBAndNamesTheSaOfApp() throws Exception {
        JsonNode up = awaitAdminHealth("UP after the migration, app's SA seen by the watchdog", 30,
                h -> h.path("status").asText().equals("UP")
                        && h.path("components").path("childSas").path("details").path("children").path(APP_SA).path("status").asText().equals("UP"));
        JsonNode components = up.get("components");
        assertThat(components.get("db").get("status").asText()).isEqualTo("UP");
        assertThat(components.get("libvirtd").get("details").get("secure/site-a").get("status").asText()).isEqualTo("UP");
        assertThat(components.get("libvirtd").get("details").get("remote/site-b").get("status").asText()).isEqualTo("UP");
        assertThat(components.get("charon").get("details").get("secure").get("status").asText()).isEqualTo("UP");
        assertThat(components.get("charon").get("details").get("remote").get("status").asText()).isEqualTo("UP");
        assertThat(components.get("childSas").get("details").get("children").get(APP_SA).get("status").asText()).isEqualTo("UP");
        assertThat(LAB.product().getWithStatus(null, "/actuator/health").body().toString()).isEqualTo("{\"status\":\"UP\"}");

        Lab.lab(60, "charon-stop", "site-b").orFail("charon-stop site-b");
        JsonNode down = awaitAdminHealth("DOWN with charon stopped on site B", 30,
                h -> h.path("components").path("childSas").path("status").asText().equals("DOWN"));
        assertThat(down.get("status").asText()).isEqualTo("DOWN");
        assertThat(down.get("components").get("charon").get("details").get("remote").get("status").asText()).isEqualTo("DOWN");
        assertThat(down.get("components").get("charon").get("details").get("secure").get("status").asText()).isEqualTo("UP");
        JsonNode childSas = down.get("components").get("childSas").get("details");
        assertThat(childSas.get("down").toString()).contains("CHILD_SA " + APP_SA + " not INSTALLED on ");
        assertThat(childSas.get("children").get(APP_SA).get("notInstalledOn").toString()).contains("\"remote\"");
        RunningProduct.Answer anonymous = LAB.product().getWithStatus(null, "/actuator/health");
        assertThat(anonymous.status()).isEqualTo(503);
        assertThat(anonymous.body().toString()).isEqualTo("{\"status\":\"DOWN\"}");
        assertThat(LAB.product().getWithStatus(null, "/actuator/health/liveness").status()).isEqualTo(200);

        Lab.lab(60, "charon-start", "site-b").orFail("charon-start site-b");
        Instant back = Instant.now();
        awaitAdminHealth("UP again after charon started", 30, h -> h.path("status").asText().equals("UP"));
        System.out.printf("HEALTH UP again %d ms after charon of site-b was back%n", Duration.between(back, Instant.now()).toMillis());
    }

    /** The admin's view of the health once it matches, polled every 500 ms for at most {@code seconds}. */
    private static JsonNode awaitAdminHealth(String what, int seconds, Predicate<JsonNode> matches) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        JsonNode last = null;
        while (System.currentTimeMillis() < deadline) {
            last = LAB.product().getWithStatus("admin", "/actuator/health").body();
            if (matches.test(last)) {
                return last;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("health not " + what + " within " + seconds + " s: " + last);
    }
}
