package com.slm.process;

import com.slm.process.fixtures.FakeWorld;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static com.slm.domain.ProcessVariables.FAILURE_REASON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/** A retry cycle of R1: the first attempt is the last one, so its failure rolls back at once. */
@TestPropertySource(properties = "slm.timers.retry-before-target=R1/PT10S")
class RetryCycleOfOneProcessTest extends ProcessTestSupport {

    @Test
    void theFirstAttemptIsTheLastAndRollsBack() {
        WORLD.failAlways("startMigration", FakeWorld.down("libvirtd at remote/site-b"));
        ProcessInstance instance = approvedMigration("app");
        runDueJobs(instance);

        assertThat(instance).isEnded().hasPassed("EndRolledBack");
        assertThat(WORLD.count("startMigration")).isEqualTo(1);
        assertThat(runtime.createIncidentQuery().count()).isZero();
        assertThat(WORLD.blocked).isEmpty();
        assertThat((String) variable(instance, FAILURE_REASON)).contains("Block 325").contains("does not answer");
    }
}
