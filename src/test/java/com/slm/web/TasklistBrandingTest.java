package com.slm.web;

import com.slm.process.fixtures.PortDoubles;
import com.slm.process.fixtures.TestProfiles;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tasklist as the product serves it, without a browser: the files of the webapps' documented customisation
 * ({@code scripts/config.js}, {@code styles/user-styles.css}, a plugin in {@code customScripts}) are the product's,
 * not the webjar's, and the upstream bundle still has what they rely on, so that a Camunda upgrade that renames the
 * banner or the setting fails here rather than bringing the "migrate to Camunda 8" banner back unnoticed.
 * (In a real browser: {@code MyMigrationsBrowserIT}.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(resolver = TestProfiles.class)
@Import(PortDoubles.class)
class TasklistBrandingTest {
    private static final String TASKLIST = "/camunda/app/tasklist/";

    @LocalServerPort
    int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theUpstreamBannerIsHiddenByTheProductsStylesheet() throws Exception {
        String css = get(TASKLIST + "styles/user-styles.css");
        assertThat(css).as("the product's user-styles.css, not the webjar's commented-out sample")
                .containsPattern(Pattern.compile("\\.ce-eol-banner\\s*\\{\\s*display:\\s*none;\\s*}"));
        assertThat(get(TASKLIST + "default/")).as("Tasklist loads the user stylesheet")
                .contains("app/tasklist/styles/user-styles.css");
        String bundle = get(TASKLIST + "camunda-tasklist-bootstrap.js");
        assertThat(bundle).as("the banner the stylesheet hides").contains("class=\"ce-eol-banner\"")
                .contains("BANNER_CE_EOL_TEXT");
    }

    @Test
    void theHeaderNamesTheProductAndLinksToMyMigrations() throws Exception {
        String config = get(TASKLIST + "scripts/config.js");
        assertThat(config).containsPattern(Pattern.compile("app:\\s*\\{\\s*name:\\s*'Tasklist',\\s*vendor:\\s*'slm'\\s*}"))
                .contains("customScripts: ['scripts/slm-my-migrations']");
        String bundle = get(TASKLIST + "camunda-tasklist-bootstrap.js");
        assertThat(bundle).as("the header's brand is app.vendor + app.name").containsPattern("\\.app\\.vendor\\b")
                .containsPattern("brandName=\\w+\\.getAppVendor\\(\\)\\+\" \"\\+\\w+\\.getAppName\\(\\)");

        String plugin = get(TASKLIST + "scripts/slm-my-migrations.js");
        assertThat(plugin).contains("pluginPoint: 'tasklist.navbar.action'").contains("link.href = '/migrations/index.html'")
                .contains("'My migrations'");
        assertThat(get("/migrations/index.html")).as("the link's target").contains("<title>");
    }

    private String get(String path) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(path).isEqualTo(200);
        return answer.body();
    }
}
