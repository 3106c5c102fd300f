package com.slm.browser;

import com.slm.process.fixtures.FakeHypervisor;
import com.slm.process.fixtures.FakeWorld;
import com.slm.process.fixtures.PortDoubles;
import com.slm.process.fixtures.TestProfiles;
import com.slm.domain.HostRef;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.slm.domain.ProcessVariables.PROCESS_KEY;
import static com.slm.domain.ProcessVariables.REASON;
import static com.slm.domain.ProcessVariables.SOURCE_ENVIRONMENT;
import static com.slm.domain.ProcessVariables.SOURCE_HOST;
import static com.slm.domain.ProcessVariables.TARGET_ENVIRONMENT;
import static com.slm.domain.ProcessVariables.TARGET_HOST;
import static com.slm.domain.ProcessVariables.VM_NAME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The forms as users meet them in Tasklist, in headless Chromium, on port doubles: an operator fills the start
 * form, the approver sees the pre-check results in the approval form and approves, the migration runs to its
 * end. The same flow runs against the real lab in the end-to-end tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"camunda.bpm.job-execution.enabled=true", "slm.timers.migration-poll=PT1S"})
@ActiveProfiles(resolver = TestProfiles.class)
@Import(PortDoubles.class)
class TasklistApprovalBrowserIT {
    @LocalServerPort
    int port;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;

    @Test
    void operatorStartsInTasklistAndAnotherUserApprovesWithThePreChecksInView() throws Exception {
        FakeWorld world = FakeWorld.WORLD;
        world.reset();
        world.vmRunsAt("app", new HostRef("secure", "site-a"));
        world.vmRunsAt("db", new HostRef("secure", "site-a"));
        Map<String, String> request = new LinkedHashMap<>();
        request.put(VM_NAME, "app");
        request.put(SOURCE_ENVIRONMENT, "secure");
        request.put(SOURCE_HOST, "site-a");
        request.put(TARGET_ENVIRONMENT, "remote");
        request.put(TARGET_HOST, "site-b");
        request.put(REASON, "browser test: site A maintenance");

        try (HeadlessChromium browser = new HeadlessChromium()) {
            TasklistFlow tasklist = new TasklistFlow(browser, "http://localhost:" + port);
            tasklist.login("operator", "op-pass");
            tasklist.fillStartForm(request);
            browser.screenshot("tasklist-1-start-form");
            tasklist.submitStartForm();
            String instanceId = awaitInstance();

            tasklist.login("approver", "ap-pass");
            tasklist.openApprovalTask();
            assertThat(tasklist.preCheckSummary()).contains("PASS vm-at-source").contains("PASS ipsec-remote");
            browser.screenshot("tasklist-2-approval-form");
            tasklist.approve("looks good");

            FakeHypervisor.completeMigration("app", new HostRef("remote", "site-b"));
            HistoricProcessInstance done = awaitEnd(instanceId);
            assertThat(done.getEndActivityId()).isEqualTo("Block395_End");
            assertThat(done.getStartUserId()).isEqualTo("operator");
            browser.screenshot("tasklist-3-after-approval");
        }
    }

    private String awaitInstance() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            var found = history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
                    .variableValueEquals(REASON, "browser test: site A maintenance").list();
            if (!found.isEmpty()) {
                return found.get(0).getId();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the start form did not start a migration");
    }

    private HistoricProcessInstance awaitEnd(String id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult();
            if (instance.getEndTime() != null) {
                return instance;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("migration " + id + " did not end; it waits at "
                + runtime.getActivityInstance(id));
    }
}
