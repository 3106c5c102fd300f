package com.slm.process;

import com.slm.process.fixtures.PortDoubles;
import com.slm.process.fixtures.TestProfiles;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An anonymous caller who hammers the admin's login gets 429 for its own address for a while, and can neither
 * lock the admin in the engine nor keep the admin out once the window is over.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "slm.security.login-throttle.max-failures=5",
        "slm.security.login-throttle.window=PT3S"})
@ActiveProfiles(resolver = TestProfiles.class)
@Import(PortDoubles.class)
class LoginThrottleProcessTest {
    private static final String ADMIN_PASSWORD = "test-admin";

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;

    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();

    @Test
    void manyFailedLoginsSlowDownOnlyTheirAddressAndNeverLockTheAdmin() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(rest("wrong-" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> refused = rest("wrong-again");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(s -> assertThat(Long.parseLong(s)).isBetween(1L, 3L));
        assertThat(rest(ADMIN_PASSWORD).statusCode()).as("this address waits, even with the right password").isEqualTo(429);
        assertThat(webappLogin(ADMIN_PASSWORD).statusCode()).as("the webapps' login form too").isEqualTo(429);

        assertNotLockedInTheEngine();
        Thread.sleep(3100);
        assertThat(webappLogin("wrong").statusCode()).isEqualTo(401);
        assertThat(webappLogin(ADMIN_PASSWORD).statusCode()).as("after the window").isEqualTo(200);
        assertThat(rest(ADMIN_PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void theEngineNeverLocksAUserAfterFailedPasswords() {
        for (int i = 0; i < 30; i++) {
            assertThat(identity.checkPassword("admin", "wrong-" + i)).isFalse();
        }
        assertThat(identity.checkPassword("admin", ADMIN_PASSWORD)).isTrue();
        assertNotLockedInTheEngine();
    }

    private void assertNotLockedInTheEngine() {
        assertThat(identity.checkPassword("admin", ADMIN_PASSWORD)).as("the engine lets the admin in").isTrue();
        UserEntity admin = (UserEntity) identity.createUserQuery().userId("admin").singleResult();
        Date lock = admin.getLockExpirationTime();
        assertThat(lock == null || !lock.after(new Date())).as("no lock in the engine: " + lock).isTrue();
    }

    private HttpResponse<String> rest(String password) throws Exception {
        String basic = Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/user/admin/profile"))
                .header("Authorization", "Basic " + basic).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** As the login form does it: the CSRF cookie from the app page, then the form POST with its header. */
    private HttpResponse<String> webappLogin(String password) throws Exception {
        String base = "http://localhost:" + port;
        http.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/cockpit/default/")).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        String csrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst().orElse("");
        return http.send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default/login/cockpit"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", csrf)
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=" + password))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
