package com.slm.process;

import com.slm.process.fixtures.FakeHypervisor;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

import static com.slm.domain.ProcessVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/** A late cancel (or a failure) that finds the VM already at the target secures it there: never "roll-back impossible". */
class ForwardRecoveryProcessTest extends ProcessTestSupport {

    @Test
    void aLateCancelGoesForwardAndSecuresTheVmAtTheTarget() {
        ProcessInstance instance = approvedMigration("app");
        runDueJobs(instance);
        assertThat(instance).isWaitingAt("WaitForMigration");
        // the migration completes in the hypervisor, and the requester's cancel arrives before block 330 sees it
        FakeHypervisor.completeMigration("app", SITE_B);
        assertThat(new CancelMigration(runtime, history).cancel(instance.getId(), "operator", false))
                .isEqualTo(CancelMigration.Result.CANCELLED);
        runDueJobs(instance);

        assertThat(instance).isEnded().hasPassed("RollBackMigration", "VmFoundAtTargetGateway", "InstallIpsecPolicy",
                "ResumeVmAtTarget", "Block370_EnableCommunication", "Block395_End").hasNotPassed("EndRolledBack");
        assertThat(variable(instance, VM_FOUND_AT_TARGET)).isEqualTo(true);
        assertThat(variable(instance, OUTCOME)).isEqualTo("COMPLETED");
        assertThat(WORLD.guards).contains("remote:slm-guard-app", "secure:slm-guard-app");
        assertThat(WORLD.count("unblockTraffic@site-a")).as("never re-enabled at the source it left").isZero();
        assertThat(WORLD.count("unblockTraffic@site-b")).isEqualTo(1);
    }

    @Test
    void aCancelInTimeStillRollsBack() {
        ProcessInstance instance = approvedMigration("app");
        runDueJobs(instance);
        assertThat(new CancelMigration(runtime, history).cancel(instance.getId(), "operator", false))
                .isEqualTo(CancelMigration.Result.CANCELLED);
        runDueJobs(instance);
        assertThat(instance).isEnded().hasPassed("RollBackMigration", "EndRolledBack");
        assertThat(variable(instance, OUTCOME)).isEqualTo("ROLLED_BACK");
        assertThat(WORLD.guards).isEmpty();
        assertThat(WORLD.blocked).doesNotContain("app");
    }
}
