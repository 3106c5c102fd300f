package com.slm.process;

import com.slm.SlmApplication;
import com.slm.process.fixtures.FakeHypervisor;
import com.slm.process.fixtures.FakeWorld;
import com.slm.process.fixtures.PortDoubles;
import com.slm.process.fixtures.TestProfiles;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static com.slm.domain.ProcessVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A migration waiting in the routing-core loop (blocks 380/385) survives a stop and start of the application on
 * the same database: its timer is in the database, not in a thread, and the loop goes on after the restart.
 */
class ProcessRestartProcessTest {
    @TempDir
    Path dataDir;

    @AfterEach
    void clock() {
        ClockUtil.reset();
    }

    @Test
    void aMigrationWaitingForTheRoutingCoreContinuesAfterARestart() {
        FakeWorld world = FakeWorld.WORLD;
        world.reset();
        world.vmRunsAt("web", ProcessTestSupport.SITE_A);
        String instanceId;
        try (ConfigurableApplicationContext first = start()) {
            RuntimeService runtime = first.getBean(RuntimeService.class);
            IdentityService identity = first.getBean(IdentityService.class);
            identity.setAuthentication("operator", List.of("migration-operators"));
            instanceId = runtime.startProcessInstanceByKey(PROCESS_KEY, ProcessTestSupport.request("web")).getId();
            identity.clearAuthentication();
            runJobs(first, instanceId);
            identity.setAuthentication("approver", List.of("migration-approvers"));
            TaskService tasks = first.getBean(TaskService.class);
            tasks.complete(tasks.createTaskQuery().processInstanceId(instanceId).singleResult().getId(),
                    Map.of(APPROVAL_DECISION, "approve"));
            identity.clearAuthentication();
            runJobs(first, instanceId);
            FakeHypervisor.completeMigration("web", ProcessTestSupport.SITE_B);
            advance(3);
            runJobs(first, instanceId);
            assertThat(runtime.getActivityInstance(instanceId).getActivityInstances("WaitForRoutingCore")).hasSize(1);
        }
        long checksBeforeRestart = world.count("routeLearned");

        world.routeLearned = true;
        try (ConfigurableApplicationContext second = start()) {
            advance(6);
            runJobs(second, instanceId);
            HistoricProcessInstance done = second.getBean(org.camunda.bpm.engine.HistoryService.class)
                    .createHistoricProcessInstanceQuery().processInstanceId(instanceId).singleResult();
            assertThat(done.getEndTime()).as("the migration finished after the restart").isNotNull();
            assertThat(done.getEndActivityId()).isEqualTo("Block395_End");
        }
        assertThat(world.count("routeLearned")).isEqualTo(checksBeforeRestart + 1);
        assertThat(world.count("startMigration")).isEqualTo(1);
        assertThat(world.tunnels).isEmpty();
    }

    private ConfigurableApplicationContext start() {
        List<String> args = new ArrayList<>(List.of(
                "--spring.profiles.active=" + String.join(",", new TestProfiles().resolve(getClass())),
                "--camunda.bpm.job-execution.enabled=false",
                // engines register by name in a JVM-wide registry: its own name, or closing it would unregister
                // the engine of the other test contexts, whose REST API then answers 404
                "--camunda.bpm.process-engine-name=restart-test",
                "--server.port=0"));
        if (!args.get(0).contains("postgres")) {
            args.add("--spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("slm") + ";DB_CLOSE_ON_EXIT=FALSE");
        }
        return new SpringApplicationBuilder(SlmApplication.class, PortDoubles.class).run(args.toArray(String[]::new));
    }

    private static void advance(long seconds) {
        ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + seconds * 1000));
    }

    private static void runJobs(ConfigurableApplicationContext context, String instanceId) {
        ManagementService management = context.getBean(ManagementService.class);
        for (int i = 0; i < 100; i++) {
            List<Job> due = management.createJobQuery().processInstanceId(instanceId).executable().list();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> management.executeJob(job.getId()));
        }
    }
}
