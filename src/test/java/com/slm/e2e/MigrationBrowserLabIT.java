package com.slm.e2e;

import com.slm.browser.HeadlessChromium;
import com.slm.browser.TasklistFlow;
import com.slm.lab.Lab;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static com.slm.domain.ProcessVariables.BANDWIDTH_MIBPS;
import static com.slm.domain.ProcessVariables.PROCESS_KEY;
import static com.slm.domain.ProcessVariables.REASON;
import static com.slm.domain.ProcessVariables.SOURCE_ENVIRONMENT;
import static com.slm.domain.ProcessVariables.SOURCE_HOST;
import static com.slm.domain.ProcessVariables.TARGET_ENVIRONMENT;
import static com.slm.domain.ProcessVariables.TARGET_HOST;
import static com.slm.domain.ProcessVariables.VM_NAME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user sees, in headless Chromium, against the lab: the operator starts the migration with Tasklist's
 * start form, the approver sees the real pre-check results and approves, the migration runs on the real
 * adapters while the operator watches its live progress on "My migrations" (reached from Tasklist's header), and
 * Cockpit shows the model with no migration left running. Screenshots: target/screenshots/e2e-*.
 * Over HTTPS: the browser trusts the lab CA (and nothing is ignored), as a user who imported it.
 */
class MigrationBrowserLabIT {
    @RegisterExtension
    static final LabProduct LAB = LabProduct.fresh();

    @Test
    void operatorStartsInTasklistApproverApprovesAndCockpitShowsTheResult() throws Exception {
        Map<String, String> request = new LinkedHashMap<>();
        request.put(VM_NAME, "app");
        request.put(SOURCE_ENVIRONMENT, "secure");
        request.put(SOURCE_HOST, "site-a");
        request.put(TARGET_ENVIRONMENT, "remote");
        request.put(TARGET_HOST, "site-b");
        request.put(REASON, "browser e2e: site A maintenance window");
        // a bandwidth limit keeps block 330 running for several seconds: long enough to watch its live progress
        request.put(BANDWIDTH_MIBPS, "16");
        HistoryService history = LAB.product().bean(HistoryService.class);

        try (HeadlessChromium browser = new HeadlessChromium(RunningProduct.LAB_CA)) {
            TasklistFlow tasklist = new TasklistFlow(browser, LAB.product().baseUrl());
            tasklist.login("operator", "demo-operator");
            tasklist.fillStartForm(request);
            browser.screenshot("e2e-1-start-form");
            tasklist.submitStartForm();

            tasklist.login("approver", "demo-approver");
            tasklist.openApprovalTask();
            String summary = tasklist.preCheckSummary();
            assertThat(summary).contains("PASS vm-at-source").contains("PASS target-memory").contains("PASS ipsec-remote")
                    .doesNotContain("FAIL");
            browser.screenshot("e2e-2-approval-with-pre-checks");
            tasklist.approve("approved in the browser test");

            // the operator watches it live on "My migrations", reached from Tasklist's header
            browser.driver().manage().deleteAllCookies();
            browser.waitFor(By.id("slm-my-migrations-link")).click();
            browser.waitFor(By.id("user")).sendKeys("operator");
            browser.driver().findElement(By.id("password")).sendKeys("demo-operator");
            browser.driver().findElement(By.cssSelector("#login-form button")).click();
            browser.waitFor(By.cssSelector("tr[data-id] a")).click();
            await(browser, "block 330 with live progress", d -> d.findElement(By.id("current-step")).getText().contains("block 330")
                    && d.findElement(By.id("progress-percent")).getText().matches("\\d+ %")
                    && d.findElement(By.id("progress-facts")).getText().contains("MiB of"));
            String firstReading = browser.driver().findElement(By.id("progress-facts")).getText();
            browser.screenshot("e2e-2b-my-migrations-live-progress");
            await(browser, "the progress refreshed without a reload",
                    d -> !d.findElement(By.id("progress-facts")).getText().equals(firstReading)
                            || d.findElement(By.id("phase")).getText().equals("completed"));

            HistoricProcessInstance done = (HistoricProcessInstance) awaitEnd(history);
            assertThat(done.getEndActivityId()).isEqualTo("Block395_End");
            assertThat(Lab.runningGuests("site-b")).contains("app");

            browser.driver().manage().deleteAllCookies();
            browser.open(LAB.product().baseUrl() + "/camunda/app/cockpit/default/");
            browser.camundaLogin("admin", "demo-admin");
            browser.open(LAB.product().baseUrl() + "/camunda/app/cockpit/default/#/process-definition/"
                    + done.getProcessDefinitionId() + "/runtime");
            browser.waitVisible(By.cssSelector(".djs-container, svg"));
            Thread.sleep(3000);
            browser.screenshot("e2e-3-cockpit-model");
            assertThat(browser.driver().getPageSource()).contains("Block320_DisableCommunication");
        }
    }

    private static void await(HeadlessChromium browser, String what, Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(60)).withMessage(what)
                .ignoring(RuntimeException.class).until(condition::apply);
    }

    private static Object awaitEnd(HistoryService history) throws InterruptedException {
        long deadline = System.currentTimeMillis() + Duration.ofMinutes(15).toMillis();
        while (System.currentTimeMillis() < deadline) {
            List<HistoricProcessInstance> done = history.createHistoricProcessInstanceQuery()
                    .processDefinitionKey(PROCESS_KEY).finished().list();
            if (!done.isEmpty()) {
                return done.get(0);
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("the migration started in the browser did not finish");
    }
}
