package com.slm.process;

import com.slm.domain.ObservedConnection;
import com.slm.domain.VmPlacement;
import com.slm.process.fixtures.FakeHypervisor;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.slm.domain.ProcessVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/**
 * The minimal-blackout mode against the port doubles: the path is prepared while the VM serves, one step switches
 * (steer, reset, resume) in that order, nothing resumes without its SAs and guard, and a roll-back leaves nothing.
 */
class MinimalBlackoutProcessTest extends ProcessTestSupport {
    private static final String APP = "192.0.2.11";
    private static final ObservedConnection TO_DB = new ObservedConnection("tcp", "192.0.2.10", 7000, APP, 40001, "ESTAB");
    private static final ObservedConnection TO_LEGACY = new ObservedConnection("tcp", "198.51.100.10", 9000, APP, 40002, "ESTAB");

    private ProcessInstance approvedMinimal() {
        WORLD.connections.put("app", new ArrayList<>(List.of(TO_DB, TO_LEGACY)));
        Map<String, Object> request = request("app");
        request.put(BLACKOUT_MODE, "minimal");
        ProcessInstance instance = startAs("operator", request);
        runDueJobs(instance);
        assertThat((String) runtime.getVariable(instance.getId(), REQUEST_SUMMARY)).contains("Blackout mode: minimal");
        decideAs("approver", instance, "approve");
        runDueJobs(instance);
        return instance;
    }

    @Test
    void thePathIsPreparedWhileTheVmServesThenOneStepSwitches() {
        ProcessInstance instance = approvedMinimal();

        assertThat(instance).isWaitingAt("WaitForMigration").hasPassed("PrepareSecurePath");
        assertThat(WORLD.blocked).as("the VM keeps serving during the pre-copy").doesNotContain("app");
        assertThat(WORLD.held).containsExactlyInAnyOrder("secure:" + APP, "remote:" + APP);
        assertThat(WORLD.steered).isEmpty();
        assertThat(WORLD.installedPolicies).contains(APP);
        assertThat(WORLD.policyPeers).containsExactly("198.51.100.10");
        assertThat(WORLD.connections.get("app")).as("nothing is reset before the switch").contains(TO_LEGACY);
        assertThat(WORLD.calls.indexOf("hold@secure")).isLessThan(WORLD.calls.indexOf("installVmPolicy"));
        assertThat(WORLD.calls.indexOf("installVmPolicy")).isLessThan(WORLD.calls.indexOf("startMigration"));

        FakeHypervisor.completeMigration("app", SITE_B);
        advanceClock(3);
        runDueJobs(instance);

        assertThat(instance).isEnded().hasPassedInOrder("PrepareSecurePath", "Block325_CloseVmAtSource",
                "Block330_LiveMigrate", "SwitchOverToTarget", "Block335_WholeSubnetMoved", "InstallIpsecPolicy",
                "ResumeVmAtTarget", "InventoryConnections", "Block370_EnableCommunication", "Block395_End");
        List<String> calls = WORLD.calls;
        int firstResume = calls.indexOf("resumeAtTarget");
        assertThat(calls.indexOf("steer@secure")).isPositive().isLessThan(calls.indexOf("reset"));
        assertThat(calls.indexOf("steer@remote")).isPositive().isLessThan(calls.indexOf("reset"));
        assertThat(calls.indexOf("reset")).isLessThan(firstResume);
        assertThat(calls.subList(calls.indexOf("startMigration"), firstResume))
                .as("the SAs are checked after the move, before the VM runs").contains("notInstalled");
        assertThat(WORLD.count("blockTraffic")).isZero();
        assertThat(WORLD.steered).containsExactlyInAnyOrder("secure:" + APP, "remote:" + APP);
        assertThat(WORLD.held).isEmpty();
        assertThat(WORLD.connections.get("app")).containsExactly(TO_DB);
        assertThat(variable(instance, CONNECTION_ACTIONS).toString()).contains("198.51.100.10").contains("session reset");
        assertThat(variable(instance, OUTCOME)).isEqualTo("COMPLETED");
        assertThat((Long) variable(instance, BLACKOUT_MS)).as("at least QEMU's downtime").isGreaterThanOrEqualTo(150L);
        assertThat(variable(instance, MIGRATION_REQUEST).toString()).contains("\"blackoutMode\":\"minimal\"");
    }

    @Test
    void aMissingSaKeepsTheVmPausedUntilItIsBack() {
        ProcessInstance instance = approvedMinimal();
        FakeHypervisor.completeMigration("app", SITE_B);
        WORLD.installedPolicies.remove(APP);   // charon lost the VM's SA after the preparation
        advanceClock(3);
        List<RuntimeException> failures = runDueJobsExpectingFailures(instance);

        assertThat(failures).isNotEmpty().allSatisfy(f -> assertThat(f.getMessage())
                .contains("stays paused").contains("slm-vm-app"));
        assertThat(WORLD.placement.get("app")).isEqualTo(VmPlacement.PAUSED_AT_TARGET);
        assertThat(WORLD.count("resumeAtTarget")).isZero();
        assertThat(WORLD.steered).isEmpty();

        WORLD.installedPolicies.add(APP);      // the watchdog brought it back
        advanceClock(60);
        runDueJobs(instance);
        assertThat(instance).isEnded().hasPassed("SwitchOverToTarget", "Block395_End");
        assertThat(variable(instance, OUTCOME)).isEqualTo("COMPLETED");
    }

    @Test
    void aRollBackTakesThePreparedPathAwayAndNeverCutTheVm() {
        ProcessInstance instance = approvedMinimal();
        FakeHypervisor.failMigration("app");
        advanceClock(3);
        runDueJobs(instance);

        assertThat(instance).isEnded().hasPassed("RollBackMigration", "EndRolledBack").hasNotPassed("SwitchOverToTarget");
        assertThat(WORLD.count("removeVmPolicy")).isEqualTo(1);
        assertThat(WORLD.installedPolicies).doesNotContain(APP);
        assertThat(WORLD.held).isEmpty();
        assertThat(WORLD.steered).isEmpty();
        assertThat(WORLD.count("blockTraffic")).isZero();
        assertThat(WORLD.connections.get("app")).contains(TO_LEGACY);
        assertThat(variable(instance, OUTCOME)).isEqualTo("ROLLED_BACK");
    }

    @Test
    void aLateCancelGoesForwardThroughTheSwitchOver() {
        ProcessInstance instance = approvedMinimal();
        FakeHypervisor.completeMigration("app", SITE_B);
        assertThat(new CancelMigration(runtime, history).cancel(instance.getId(), "operator", false))
                .isEqualTo(CancelMigration.Result.CANCELLED);
        runDueJobs(instance);

        assertThat(instance).isEnded().hasPassedInOrder("RollBackMigration", "SwitchOverToTarget", "Block395_End");
        assertThat(WORLD.steered).containsExactlyInAnyOrder("secure:" + APP, "remote:" + APP);
        assertThat(variable(instance, OUTCOME)).isEqualTo("COMPLETED");
    }

    @Test
    void strictIsTheDefaultAndNeverHoldsOrSteers() {
        ProcessInstance instance = approvedMigration("app");
        runDueJobs(instance);
        FakeHypervisor.completeMigration("app", SITE_B);
        advanceClock(3);
        runDueJobs(instance);

        assertThat(instance).isEnded().hasNotPassed("PrepareSecurePath", "SwitchOverToTarget");
        assertThat(WORLD.calls).noneMatch(c -> c.startsWith("hold") || c.startsWith("steer"));
        assertThat(WORLD.count("blockTraffic")).isEqualTo(1);
        assertThat(variable(instance, MIGRATION_REQUEST).toString()).contains("\"blackoutMode\":\"strict\"");
    }
}
