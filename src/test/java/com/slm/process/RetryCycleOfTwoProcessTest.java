package com.slm.process;

import com.slm.process.fixtures.FakeWorld;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static com.slm.domain.ProcessVariables.FAILURE_REASON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/** A retry cycle of R2: two attempts, the second one rolls back. */
@TestPropertySource(properties = "slm.timers.retry-before-target=R2/PT10S")
class RetryCycleOfTwoProcessTest extends ProcessTestSupport {

    @Test
    void theSecondAttemptIsTheLastAndRollsBack() {
        WORLD.failAlways("startMigration", FakeWorld.down("libvirtd at remote/site-b"));
        ProcessInstance instance = approvedMigration("app");
        runDueJobsExpectingFailures(instance);
        Job job = management.createJobQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(instance).isNotEnded();
        assertThat(job.getRetries()).isEqualTo(1);
        assertThat(WORLD.count("startMigration")).isEqualTo(1);

        advanceClock(11);
        runDueJobsExpectingFailures(instance);
        assertThat(instance).isEnded().hasPassed("EndRolledBack");
        assertThat(WORLD.count("startMigration")).isEqualTo(2);
        assertThat(runtime.createIncidentQuery().count()).isZero();
        assertThat((String) variable(instance, FAILURE_REASON)).contains("Block 325");
    }
}
