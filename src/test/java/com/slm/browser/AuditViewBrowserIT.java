package com.slm.browser;

import com.slm.audit.AuditSealer;
import com.slm.domain.HostRef;
import com.slm.process.fixtures.FakeHypervisor;
import com.slm.process.fixtures.FakeWorld;
import com.slm.process.fixtures.PortDoubles;
import com.slm.process.fixtures.TestProfiles;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import java.util.Date;
import java.util.List;
import java.util.Map;

import static com.slm.domain.ProcessVariables.APPROVAL_COMMENT;
import static com.slm.domain.ProcessVariables.APPROVAL_DECISION;
import static com.slm.domain.ProcessVariables.PROCESS_KEY;
import static com.slm.domain.ProcessVariables.REASON;
import static com.slm.domain.ProcessVariables.SOURCE_ENVIRONMENT;
import static com.slm.domain.ProcessVariables.SOURCE_HOST;
import static com.slm.domain.ProcessVariables.TARGET_ENVIRONMENT;
import static com.slm.domain.ProcessVariables.TARGET_HOST;
import static com.slm.domain.ProcessVariables.VM_NAME;
import static org.assertj.core.api.Assertions.assertThat;

/** An auditor opens the audit view in headless Chromium: the list, then one migration with its path drawn. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(resolver = TestProfiles.class)
@Import(PortDoubles.class)
class AuditViewBrowserIT {
    @LocalServerPort
    int port;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;
    @Autowired
    IdentityService identity;
    @Autowired
    AuditSealer sealer;

    @Test
    void anAuditorFindsAMigrationAndReadsItsPath() throws Exception {
        String id = completedMigration();
        sealer.sealFinished();
        try (HeadlessChromium browser = new HeadlessChromium()) {
            browser.open("http://localhost:" + port + "/audit/index.html");
            browser.waitFor(By.id("user")).sendKeys("auditor");
            browser.driver().findElement(By.id("password")).sendKeys("au-pass");
            browser.driver().findElement(By.cssSelector("#login-form button")).click();
            browser.waitVisible(By.cssSelector("tr.row[data-id='" + id + "']"));
            assertThat(browser.driver().findElement(By.id("chain")).getText()).contains("seal chain verified");
            browser.screenshot("audit-1-list");
            browser.driver().findElement(By.cssSelector("tr.row[data-id='" + id + "']")).click();
            browser.waitVisible(By.cssSelector("#diagram img"));
            Thread.sleep(500);
            String page = browser.driver().findElement(By.id("steps")).getText();
            assertThat(page).contains("320").contains("395");
            assertThat(browser.driver().findElement(By.id("summary")).getText()).contains("approve by approver");
            browser.screenshot("audit-2-migration");
        }
    }

    private String completedMigration() {
        FakeWorld world = FakeWorld.WORLD;
        world.reset();
        world.vmRunsAt("app", new HostRef("secure", "site-a"));
        world.vmRunsAt("db", new HostRef("secure", "site-a"));
        identity.setAuthentication("operator", List.of("migration-operators"));
        String id = runtime.startProcessInstanceByKey(PROCESS_KEY, Map.of(VM_NAME, "app",
                SOURCE_ENVIRONMENT, "secure", SOURCE_HOST, "site-a", TARGET_ENVIRONMENT, "remote", TARGET_HOST, "site-b",
                REASON, "audit browser test")).getId();
        identity.clearAuthentication();
        runJobs(id);
        identity.setAuthentication("approver", List.of("migration-approvers"));
        tasks.complete(tasks.createTaskQuery().processInstanceId(id).singleResult().getId(),
                Map.of(APPROVAL_DECISION, "approve", APPROVAL_COMMENT, "fine"));
        identity.clearAuthentication();
        runJobs(id);
        FakeHypervisor.completeMigration("app", new HostRef("remote", "site-b"));
        ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + 5000));
        try {
            runJobs(id);
        } finally {
            ClockUtil.reset();
        }
        return id;
    }

    private void runJobs(String id) {
        for (int i = 0; i < 50; i++) {
            List<Job> due = management.createJobQuery().processInstanceId(id).executable().list();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(j -> management.executeJob(j.getId()));
        }
    }
}
