package com.slm.process;

import com.slm.process.fixtures.FakeHypervisor;
import com.slm.process.fixtures.FakeWorld;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

import static com.slm.domain.ProcessVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/** The fail-closed guard: in place on both hosts before the VM may run at the target, gone only after a roll-back. */
class FailClosedGuardProcessTest extends ProcessTestSupport {

    @Test
    void theGuardStandsOnBothHostsBeforeTheMigrationStartsAndStaysAfterIt() {
        ProcessInstance instance = approvedMigration("app");
        runDueJobs(instance);
        assertThat(WORLD.guards).containsExactlyInAnyOrder("remote:slm-guard-app", "secure:slm-guard-app");
        assertThat(WORLD.calls.indexOf("installGuard@remote")).isLessThan(WORLD.calls.indexOf("startMigration"));
        assertThat(WORLD.calls.indexOf("installGuard@secure")).isLessThan(WORLD.calls.indexOf("startMigration"));

        FakeHypervisor.completeMigration("app", SITE_B);
        advanceClock(3);
        runDueJobs(instance);
        assertThat(instance).isEnded();
        assertThat(WORLD.guards).as("the VM stays at the target: so does its guard")
                .containsExactlyInAnyOrder("remote:slm-guard-app", "secure:slm-guard-app");
        assertThat(variable(instance, GUARD_INSTALLED_AT)).isNotNull();
    }

    @Test
    void noGuardNoMigration() {
        WORLD.failAlways("installGuard@remote", FakeWorld.down("nft at remote"));
        ProcessInstance instance = approvedMigration("app");
        for (int attempt = 0; attempt < 4; attempt++) {
            runDueJobsExpectingFailures(instance);
            advanceClock(11);
        }
        assertThat(WORLD.count("startMigration")).isZero();
        assertThat(instance).isEnded().hasPassed("RollBackMigration");
        assertThat(WORLD.blocked).doesNotContain("app");
    }

    @Test
    void aRollBackRemovesTheGuardOnceTheVmRunsAtTheSourceAgain() {
        WORLD.failAlways("migrationProgress", FakeWorld.down("libvirtd at site-a"));
        ProcessInstance instance = approvedMigration("app");
        for (int attempt = 0; attempt < 6; attempt++) {
            runDueJobsExpectingFailures(instance);
            advanceClock(11);
        }
        assertThat(instance).isEnded().hasPassed("RollBackMigration");
        assertThat(WORLD.guards).isEmpty();
        assertThat(variable(instance, GUARD_REMOVED_AT)).isNotNull();
    }
}
