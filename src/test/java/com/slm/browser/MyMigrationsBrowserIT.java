package com.slm.browser;

import com.slm.domain.HostRef;
import com.slm.process.fixtures.FakeHypervisor;
import com.slm.process.fixtures.FakeWorld;
import com.slm.process.fixtures.PortDoubles;
import com.slm.process.fixtures.TestProfiles;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import static com.slm.domain.ProcessVariables.PROCESS_KEY;
import static com.slm.domain.ProcessVariables.REASON;
import static com.slm.domain.ProcessVariables.SOURCE_ENVIRONMENT;
import static com.slm.domain.ProcessVariables.SOURCE_HOST;
import static com.slm.domain.ProcessVariables.TARGET_ENVIRONMENT;
import static com.slm.domain.ProcessVariables.TARGET_HOST;
import static com.slm.domain.ProcessVariables.VM_NAME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "My migrations" page as an operator meets it, in headless Chromium, on port doubles: the link in Tasklist's
 * header, the migration just started in its list, the cancel button while it waits for approval, then block 330
 * highlighted on the diagram with its progress figures following the (driven) hypervisor, and the completed end.
 * Screenshots {@code target/screenshots/my-migrations-*}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"camunda.bpm.job-execution.enabled=true", "slm.timers.migration-poll=PT1S"})
@ActiveProfiles(resolver = TestProfiles.class)
@Import(PortDoubles.class)
class MyMigrationsBrowserIT {
    private static final String REASON_TEXT = "browser test: my migrations page";

    @LocalServerPort
    int port;
    @Autowired
    HistoryService history;

    @Test
    void anOperatorWatchesTheirMigrationLiveFromTasklistsLink() throws Exception {
        FakeWorld world = FakeWorld.WORLD;
        world.reset();
        world.vmRunsAt("app", new HostRef("secure", "site-a"));
        world.vmRunsAt("db", new HostRef("secure", "site-a"));
        String base = "http://localhost:" + port;

        try (HeadlessChromium browser = new HeadlessChromium()) {
            TasklistFlow tasklist = new TasklistFlow(browser, base);
            tasklist.login("operator", "op-pass");
            String href = browser.waitFor(By.id("slm-my-migrations-link")).getAttribute("href");
            assertThat(href).isEqualTo(base + "/migrations/index.html");
            // the product's name instead of upstream's "migrate to Camunda 8" banner (styles/user-styles.css, config.js)
            assertThat(browser.driver().findElements(By.cssSelector(".ce-eol-banner")))
                    .allSatisfy(banner -> assertThat(banner.isDisplayed()).as("the upstream banner").isFalse());
            assertThat(browser.driver().findElement(By.cssSelector(".navbar-brand .brand-name")).getText()).isEqualTo("slm Tasklist");
            browser.screenshot("my-migrations-0-tasklist-link");
            tasklist.fillStartForm(startForm());
            tasklist.submitStartForm();
            String id = awaitInstance();

            browser.driver().manage().deleteAllCookies();
            browser.waitFor(By.id("slm-my-migrations-link")).click();
            try {
                browser.waitFor(By.id("user")).sendKeys("operator");
                browser.driver().findElement(By.id("password")).sendKeys("op-pass");
                browser.driver().findElement(By.cssSelector("#login-form button")).click();
                browser.waitFor(By.cssSelector("tr[data-id='" + id + "'] a")).click();
                await(browser, "waiting for approval", d -> d.findElement(By.id("phase")).getText().equals("waiting for approval"));
                assertThat(browser.waitVisible(By.id("cancel")).isDisplayed()).isTrue();
                assertThat(browser.driver().findElement(By.id("request")).getText())
                        .contains("app").contains("secure / site-a").contains("remote / site-b").contains(REASON_TEXT);
                await(browser, "the approval highlighted", d ->
                        !d.findElements(By.cssSelector("#diagram g.active[data-id='ApproveMigration']")).isEmpty());
                browser.screenshot("my-migrations-1-waiting-for-approval");
            } catch (RuntimeException e) {
                browser.keepEvidence("failed-my-migrations-approval-phase");
                throw e;
            }

            // The approver decides in their own browser session; the operator's page follows by itself.
            try (HeadlessChromium approverBrowser = new HeadlessChromium()) {
                TasklistFlow approver = new TasklistFlow(approverBrowser, base);
                approver.login("approver", "ap-pass");
                approver.openApprovalTask();
                approver.approve("fine");
            }
            try {
                await(browser, "block 330", d -> d.findElement(By.id("current-step")).getText().contains("block 330"));
                await(browser, "330 highlighted", d ->
                        !d.findElements(By.cssSelector("#diagram g.active[data-id='Block330_LiveMigrate']")).isEmpty());
                await(browser, "40 %", d -> d.findElement(By.id("progress-percent")).getText().equals("40 %"));
                assertThat(browser.driver().findElement(By.id("progress-facts")).getText())
                        .contains("40.0 MiB of 100.0 MiB").contains("50.0 MiB/s").contains("about 2 s");
                assertThat(browser.driver().findElement(By.id("cancel")).isDisplayed()).isTrue();
                browser.screenshot("my-migrations-2-migrating-40");
                screenshotOfDiagram(browser, "my-migrations-2b-diagram-at-330");

                FakeHypervisor.progressTo("app", 80);
                await(browser, "80 %", d -> d.findElement(By.id("progress-percent")).getText().equals("80 %"));
                assertThat(browser.driver().findElement(By.id("progress-facts")).getText()).contains("80.0 MiB of 100.0 MiB");
                browser.screenshot("my-migrations-3-migrating-80");

                FakeHypervisor.completeMigration("app", new HostRef("remote", "site-b"));
                await(browser, "completed", d -> d.findElement(By.id("phase")).getText().equals("completed"));
                assertThat(browser.driver().findElement(By.id("progress")).isDisplayed()).isFalse();
                assertThat(browser.driver().findElement(By.id("cancel-box")).isDisplayed()).isFalse();
                await(browser, "the end highlighted as passed", d ->
                        !d.findElements(By.cssSelector("#diagram g.passed[data-id='Block395_End']")).isEmpty());
                browser.screenshot("my-migrations-4-completed");
            } catch (RuntimeException e) {
                browser.keepEvidence("failed-my-migrations-live");
                throw e;
            }
        }
    }

    /** The diagram is below the figures: scrolled into view for its own screenshot, then back to the top. */
    private static void screenshotOfDiagram(HeadlessChromium browser, String name) throws java.io.IOException {
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        js.executeScript("document.getElementById('diagram').scrollIntoView({block: 'center'});");
        browser.screenshot(name);
        js.executeScript("window.scrollTo(0, 0);");
    }

    private static Map<String, String> startForm() {
        Map<String, String> request = new LinkedHashMap<>();
        request.put(VM_NAME, "app");
        request.put(SOURCE_ENVIRONMENT, "secure");
        request.put(SOURCE_HOST, "site-a");
        request.put(TARGET_ENVIRONMENT, "remote");
        request.put(TARGET_HOST, "site-b");
        request.put(REASON, REASON_TEXT);
        return request;
    }

    private static void await(HeadlessChromium browser, String what, Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).withMessage(what).ignoring(RuntimeException.class)
                .until(condition::apply);
    }

    private String awaitInstance() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            var found = history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
                    .variableValueEquals(REASON, REASON_TEXT).list();
            if (!found.isEmpty()) {
                return found.get(0).getId();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the start form did not start a migration");
    }
}
