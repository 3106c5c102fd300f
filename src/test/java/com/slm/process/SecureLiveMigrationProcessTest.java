package com.slm.process;

import com.slm.domain.ObservedConnection;
import com.slm.process.fixtures.FakeHypervisor;
import com.slm.process.fixtures.FakeWorld;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static com.slm.domain.ProcessVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/** Every path through the model, driven job by job against the port doubles. */
class SecureLiveMigrationProcessTest extends ProcessTestSupport {
    @Autowired
    FakeHypervisor hypervisor;

    @Test
    void vmThatSharesItsSubnetMigratesAndItsInsecureSessionIsResecured() {
        ObservedConnection toDb = new ObservedConnection("tcp", "192.0.2.10", 7000, "192.0.2.11", 40001, "ESTAB");
        ObservedConnection toLegacy = new ObservedConnection("tcp", "198.51.100.10", 9000, "192.0.2.11", 40002, "ESTAB");
        WORLD.connections.put("app", new ArrayList<>(List.of(toDb, toLegacy)));

        ProcessInstance instance = startAs("operator", request("app"));
        assertThat(instance).isWaitingAt("Block315_SelectTargetEnvironment");
        runDueJobs(instance);
        assertThat(instance).isWaitingAt("ApproveMigration").task().hasCandidateGroup("migration-approvers");
        assertThat((Boolean) runtime.getVariable(instance.getId(), WHOLE_SUBNET_MOVED)).isFalse();
        assertThat((String) runtime.getVariable(instance.getId(), PRE_CHECK_SUMMARY)).contains("PASS vm-at-source");

        decideAs("approver", instance, "approve");
        runDueJobs(instance);
        assertThat(instance).isWaitingAt("WaitForMigration");
        assertThat(WORLD.blocked).contains("app");
        assertThat(runtime.getVariable(instance.getId(), MIGRATION_PERCENT)).isEqualTo(40);

        FakeHypervisor.completeMigration("app", SITE_B);
        advanceClock(3);
        runDueJobs(instance);

        assertThat(instance).isEnded().hasPassedInOrder("Block310_SelectVm", "Block315_SelectTargetEnvironment",
                "RunPreChecks", "ApproveMigration", "Block320_DisableCommunication", "Block325_CloseVmAtSource",
                "Block330_LiveMigrate", "Block335_WholeSubnetMoved", "InstallIpsecPolicy", "ResumeVmAtTarget",
                "Block355_NonManagedConnections", "Block360_ListSecureConnections",
                "Block365_ResetInsecureConnections", "Block370_EnableCommunication", "Block375_WholeSubnetMoved",
                "Block395_End");
        assertThat(instance).hasNotPassed("Block340_EstablishTunnel", "Block380_CheckRoutingCore", "Block390_RemoveTunnel");
        assertThat(WORLD.count("startMigration")).isEqualTo(1);
        assertThat(WORLD.blocked).doesNotContain("app");
        assertThat(WORLD.count("unblockTraffic@site-b")).isEqualTo(1);
        assertThat(WORLD.policyPeers).containsExactly("198.51.100.10");
        assertThat(WORLD.connections.get("app")).containsExactly(toDb);
        assertThat(variable(instance, OUTCOME)).isEqualTo("COMPLETED");
        assertThat(variable(instance, APPROVER)).isEqualTo("approver");
        assertThat(variable(instance, APPROVED_DIGEST)).isEqualTo(variable(instance, REQUEST_DIGEST));
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).singleResult()
                .getStartUserId()).isEqualTo("operator");
        assertThat(variable(instance, VM_NAME)).as("the loose start fields are sealed, then removed").isNull();
        assertThat((Long) variable(instance, BLACKOUT_MS)).isGreaterThanOrEqualTo(0);
        assertThat(variable(instance, MIGRATION_DOWNTIME_MS)).isEqualTo(150L);
        assertThat(variable(instance, INSECURE_CONNECTIONS).toString()).contains("198.51.100.10").doesNotContain("192.0.2.10\"");
        assertThat(variable(instance, SECURE_CONNECTIONS).toString()).contains("192.0.2.10");
    }

    @Test
    void lastVmOfItsSubnetTakesTheTunnelAndWaitsForTheRoutingCore() {
        ProcessInstance instance = approvedMigration("web");
        assertThat((Boolean) variable(instance, WHOLE_SUBNET_MOVED)).isTrue();
        runDueJobs(instance);
        FakeHypervisor.completeMigration("web", SITE_B);
        advanceClock(3);
        runDueJobs(instance);

        assertThat(instance).isWaitingAt("WaitForRoutingCore");
        assertThat(instance).hasPassed("Block340_EstablishTunnel", "Block370_EnableCommunication", "Block380_CheckRoutingCore");
        assertThat(instance).hasNotPassed("Block360_ListSecureConnections");
        assertThat(WORLD.tunnels).containsExactly("192.0.2.64/26");

        advanceClock(6);
        runDueJobs(instance);
        assertThat(instance).isWaitingAt("WaitForRoutingCore");
        assertThat(WORLD.count("routeLearned")).isEqualTo(2);

        WORLD.routeLearned = true;
        advanceClock(6);
        runDueJobs(instance);
        assertThat(instance).isEnded().hasPassed("Block385_RoutingCoreUpdated", "Block390_RemoveTunnel", "Block395_End");
        assertThat(WORLD.tunnels).isEmpty();
        assertThat(variable(instance, OUTCOME)).isEqualTo("COMPLETED");
    }

    @Test
    void rejectionEndsWithNothingChanged() {
        ProcessInstance instance = startAs("operator", request("app"));
        runDueJobs(instance);
        decideAs("approver", instance, "reject");
        assertThat(instance).isEnded().hasPassed("EndRejected").hasNotPassed("Block320_DisableCommunication");
        assertThat(variable(instance, OUTCOME)).isEqualTo("REJECTED");
        assertThat(WORLD.calls).doesNotContain("blockTraffic", "startMigration");
    }

    @Test
    void unapprovedRequestExpires() {
        ProcessInstance instance = startAs("operator", request("app"));
        runDueJobs(instance);
        advanceClock(3601);
        runDueJobs(instance);
        assertThat(instance).isEnded().hasPassed("EndExpired");
        assertThat(variable(instance, OUTCOME)).isEqualTo("EXPIRED");
        assertThat(WORLD.calls).doesNotContain("blockTraffic");
    }

    @Test
    void failedPreCheckEndsBeforeApproval() {
        WORLD.extraChecks.add(com.slm.domain.CheckResult.fail("target-memory", "site-b has 40 MiB free, app needs 96 MiB + 32"));
        ProcessInstance instance = startAs("operator", request("app"));
        runDueJobs(instance);
        assertThat(instance).isEnded().hasPassed("EndPreChecksFailed").hasNotPassed("ApproveMigration");
        assertThat(variable(instance, OUTCOME)).isEqualTo("PRECHECK_FAILED");
        assertThat((String) variable(instance, PRE_CHECK_SUMMARY)).contains("FAIL target-memory");
    }

    @Test
    void migrationFailureRollsBackAndReenablesTrafficAtTheSource() {
        ProcessInstance instance = approvedMigration("app");
        runDueJobs(instance);
        FakeHypervisor.failMigration("app");
        advanceClock(3);
        runDueJobs(instance);

        assertThat(instance).isEnded().hasPassed("RollBackMigration", "EndRolledBack").hasNotPassed("InstallIpsecPolicy");
        assertThat(WORLD.count("unblockTraffic@site-a")).isEqualTo(1);
        assertThat(WORLD.blocked).isEmpty();
        assertThat(variable(instance, OUTCOME)).isEqualTo("ROLLED_BACK");
        assertThat((String) variable(instance, FAILURE_REASON)).contains("Block 330").contains("migration failed");
    }

    @Test
    void retryableFailureIsRetriedThenRolledBackOnTheLastAttempt() {
        WORLD.failAlways("startMigration", FakeWorld.down("libvirtd at remote/site-b"));
        ProcessInstance instance = approvedMigration("app");
        runDueJobsExpectingFailures(instance);
        Job job = management.createJobQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(job.getRetries()).isEqualTo(2);
        assertThat(job.getExceptionMessage()).contains("libvirtd at remote/site-b does not answer");

        for (int attempt = 0; attempt < 2; attempt++) {
            advanceClock(11);
            runDueJobsExpectingFailures(instance);
        }
        assertThat(instance).isEnded().hasPassed("EndRolledBack");
        assertThat(WORLD.count("startMigration")).isEqualTo(3);
        assertThat(WORLD.blocked).isEmpty();
        assertThat((String) variable(instance, FAILURE_REASON)).contains("Block 325");
    }

    @Test
    void cancelDuringTheMigrationAbortsItAndRollsBack() {
        ProcessInstance instance = approvedMigration("app");
        runDueJobs(instance);
        assertThat(instance).isWaitingAt("WaitForMigration");

        runtime.createMessageCorrelation(MESSAGE_CANCEL_MIGRATION).processInstanceId(instance.getId()).correlate();
        runDueJobs(instance);
        assertThat(instance).isEnded().hasPassed("RollBackMigration");
        assertThat(WORLD.count("abortMigration")).isEqualTo(1);
        assertThat(WORLD.placement.get("app").name()).isEqualTo("RUNNING_AT_SOURCE");
        assertThat(WORLD.blocked).isEmpty();
    }

    @Test
    void hypervisorEventWakesTheMigrationWithoutWaitingForThePoll() {
        ProcessInstance instance = approvedMigration("app");
        runDueJobs(instance);
        FakeHypervisor.completeMigration("app", SITE_B);
        // as libvirt reports it: the adapter publishes the event, MigrationEventCorrelator wakes block 330
        hypervisor.reportLifecycleEvent("app", SITE_B, "RESUMED/MIGRATED");
        assertThat(instance).isWaitingAt("Block330_LiveMigrate");
        runDueJobs(instance);
        assertThat(instance).isEnded().hasPassed("MigrationEventReceived").hasNotPassed("MigrationPollTimer");
    }

    @Test
    void anEventThatArrivesWhileBlock330IsBusyIsDeliveredOnceItWaits() throws InterruptedException {
        ProcessInstance instance = approvedMigration("app");
        // the event comes while nobody waits for it (the steps before 330 have not run yet)
        hypervisor.reportLifecycleEvent("app", SITE_A, "SUSPENDED/MIGRATED");
        runDueJobs(instance);
        long deadline = System.currentTimeMillis() + 3000;
        while (history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                .activityId("MigrationEventReceived").count() == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        FakeHypervisor.completeMigration("app", SITE_B);
        runDueJobs(instance);
        assertThat(instance).isEnded().hasPassed("MigrationEventReceived").hasNotPassed("MigrationPollTimer");
    }

    @Test
    void failureAfterTheVmReachedTheTargetIsAnIncidentThatSaysTheVmIsIsolatedAndCanBeRetried() {
        WORLD.failAlways("installVmPolicy", FakeWorld.down("charon at remote"));
        ProcessInstance instance = approvedMigration("app");
        runDueJobs(instance);
        FakeHypervisor.completeMigration("app", SITE_B);
        advanceClock(3);
        List<RuntimeException> failures = new ArrayList<>(runDueJobsExpectingFailures(instance));
        for (int attempt = 0; attempt < 5; attempt++) {
            advanceClock(61); // the after-target cycle: PT1S,PT3S,PT10S,PT30S,PT1M
            failures.addAll(runDueJobsExpectingFailures(instance));
        }
        assertThat(failures).as("every attempt of the retry cycle failed").hasSize(6);

        Incident incident = runtime.createIncidentQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(incident).isNotNull();
        assertThat(incident.getActivityId()).isEqualTo("InstallIpsecPolicy");
        assertThat(incident.getIncidentMessage())
                .contains("Block 345 (install the IPsec policy) failed: charon at remote does not answer")
                .contains("VM 'app' has migrated to remote/site-b and is paused there")
                .contains("links are DOWN");
        assertThat(WORLD.blocked).contains("app");
        assertThat(instance).isNotEnded();

        // The cause is fixed; an admin retries the job (Cockpit sets its retries, due now).
        WORLD.heal("installVmPolicy");
        management.setJobRetries(1).jobId(incident.getConfiguration()).dueDate(ClockUtil.getCurrentTime()).execute();
        runDueJobs(instance);
        assertThat(instance).isEnded().hasPassed("Block395_End");
        assertThat(WORLD.installedPolicies).contains("192.0.2.11");
        assertThat(WORLD.count("startMigration")).isEqualTo(1);
    }

    /**
     * A crash after a step's work but before its commit makes the engine run the step again. Every job of every path
     * through the model runs, its transaction is rolled back, and it runs again: the second run must change nothing
     * in the world. Together the paths (shared subnet, whole subnet, minimal blackout, roll-back) replay every service
     * task of the model, and each path replays every step it passed.
     */
    @Test
    void runningEveryStepTwiceChangesNothing() {
        Set<String> replayed = new TreeSet<>(replaySharedSubnetPath());
        resetWorld();
        replayed.addAll(replayWholeSubnetPath());
        resetWorld();
        replayed.addAll(replayMinimalBlackoutPath());
        resetWorld();
        replayed.addAll(replayRollBack());
        resetWorld();
        replayed.addAll(replayEvacuatedMigration());

        Set<String> serviceTasks = new TreeSet<>();
        Bpmn.readModelFromFile(new File("bpmn/secure-live-migration.bpmn")).getModelElementsByType(ServiceTask.class)
                .forEach(task -> serviceTasks.add(task.getId()));
        assertThat(replayed).as("every service task of the model ran twice on one of the paths").containsAll(serviceTasks);
    }

    private static final ObservedConnection TO_DB = new ObservedConnection("tcp", "192.0.2.10", 7000, "192.0.2.11", 40001, "ESTAB");
    private static final ObservedConnection TO_LEGACY = new ObservedConnection("tcp", "198.51.100.10", 9000, "192.0.2.11", 40002, "ESTAB");

    private record Replay(ProcessInstance instance, List<String> replayed) {
    }

    /** Starts the request, approves it and lets the move end with {@code moveEnds}: every job so far run twice. */
    private Replay replayMove(Map<String, Object> request, Runnable moveEnds) {
        ProcessInstance instance = startAs("operator", request);
        List<String> replayed = new ArrayList<>(runDueJobsCrashingBeforeEachCommit(instance));
        decideAs("approver", instance, "approve");
        replayed.addAll(runDueJobsCrashingBeforeEachCommit(instance));
        moveEnds.run();
        advanceClock(3);
        replayed.addAll(runDueJobsCrashingBeforeEachCommit(instance));
        return new Replay(instance, replayed);
    }

    private static Map<String, Object> minimal(Map<String, Object> request) {
        request.put(BLACKOUT_MODE, "minimal");
        return request;
    }

    /** A migration an evacuation started: its adoption of the batch's approval, and every later step, twice. */
    private List<String> replayEvacuatedMigration() {
        ProcessInstance evacuation = startEvacuationAs("operator", evacuationRequest(1));
        runDueJobs(evacuation);
        approveEvacuationAs("approver", evacuation);
        runDueJobs(evacuation);
        HistoricProcessInstance first = migrationsOf(evacuation).get(0);
        ProcessInstance migration = runtime.createProcessInstanceQuery().processInstanceId(first.getId()).singleResult();
        List<String> replayed = new ArrayList<>(runDueJobsCrashingBeforeEachCommit(migration));
        FakeHypervisor.completeMigration(first.getBusinessKey(), SITE_B);
        advanceClock(3);
        replayed.addAll(runDueJobsCrashingBeforeEachCommit(migration));

        assertThat(migration).isEnded().hasPassed("AdoptEvacuationApproval", "Block395_End").hasNotPassed(APPROVAL_TASK);
        assertThat(variable(migration, OUTCOME)).isEqualTo("COMPLETED");
        assertThat(replayed).contains("AdoptEvacuationApproval", "InstallIpsecPolicy");
        return replayed;
    }

    private List<String> replaySharedSubnetPath() {
        WORLD.connections.put("app", new ArrayList<>(List.of(TO_DB, TO_LEGACY)));
        Replay replay = replayMove(request("app"), () -> FakeHypervisor.completeMigration("app", SITE_B));

        assertThat(replay.instance()).isEnded().hasPassed("Block360_ListSecureConnections", "Block365_ResetInsecureConnections", "Block395_End");
        assertEveryStepWasReplayed(replay);
        assertThat(WORLD.count("startMigration")).isEqualTo(1);
        assertThat(WORLD.blocked).isEmpty();
        assertThat(WORLD.connections.get("app")).containsExactly(TO_DB);
        assertThat(variable(replay.instance(), OUTCOME)).isEqualTo("COMPLETED");
        return replay.replayed();
    }

    private List<String> replayWholeSubnetPath() {
        Replay replay = replayMove(request("web"), () -> FakeHypervisor.completeMigration("web", SITE_B));
        WORLD.routeLearned = true;
        advanceClock(6);
        replay.replayed().addAll(runDueJobsCrashingBeforeEachCommit(replay.instance()));

        assertThat(replay.instance()).isEnded().hasPassed("Block340_EstablishTunnel", "Block390_RemoveTunnel", "Block395_End");
        assertEveryStepWasReplayed(replay);
        assertThat(WORLD.count("startMigration")).isEqualTo(1);
        assertThat(WORLD.tunnels).isEmpty();
        assertThat(variable(replay.instance(), OUTCOME)).isEqualTo("COMPLETED");
        return replay.replayed();
    }

    private List<String> replayMinimalBlackoutPath() {
        WORLD.connections.put("app", new ArrayList<>(List.of(TO_DB, TO_LEGACY)));
        Replay replay = replayMove(minimal(request("app")), () -> FakeHypervisor.completeMigration("app", SITE_B));

        assertThat(replay.instance()).isEnded().hasPassed("PrepareSecurePath", "SwitchOverToTarget", "Block395_End");
        assertEveryStepWasReplayed(replay);
        assertThat(WORLD.count("startMigration")).isEqualTo(1);
        assertThat(WORLD.count("blockTraffic")).isZero();
        assertThat(WORLD.steered).containsExactlyInAnyOrder("secure:192.0.2.11", "remote:192.0.2.11");
        assertThat(WORLD.held).isEmpty();
        assertThat(WORLD.connections.get("app")).as("the insecure session was reset").containsExactly(TO_DB);
        assertThat(variable(replay.instance(), OUTCOME)).isEqualTo("COMPLETED");
        return replay.replayed();
    }

    private List<String> replayRollBack() {
        // minimal mode: a prepared path, so the roll-back has something to take away
        Replay replay = replayMove(minimal(request("app")), () -> FakeHypervisor.failMigration("app"));

        assertThat(replay.instance()).isEnded().hasPassed("RollBackMigration", "EndRolledBack");
        assertEveryStepWasReplayed(replay);
        assertThat(WORLD.count("startMigration")).isEqualTo(1);
        assertThat(WORLD.installedPolicies).isEmpty();
        assertThat(WORLD.held).isEmpty();
        assertThat(WORLD.blocked).isEmpty();
        assertThat(WORLD.placement.get("app").name()).isEqualTo("RUNNING_AT_SOURCE");
        assertThat(variable(replay.instance(), OUTCOME)).isEqualTo("ROLLED_BACK");
        return replay.replayed();
    }

    /** Every service task the instance passed (each one an asyncBefore job) was among the replayed jobs. */
    private void assertEveryStepWasReplayed(Replay replay) {
        List<String> passed = history.createHistoricActivityInstanceQuery().processInstanceId(replay.instance().getId())
                .activityType("serviceTask").list().stream().map(HistoricActivityInstance::getActivityId).distinct().toList();
        assertThat(passed).as("the path ran steps").isNotEmpty();
        assertThat(replay.replayed()).as("steps replayed on this path").containsAll(passed);
    }

    @Test
    void block370RefusesWhileTheVmsSaIsMissingAndTheLinksStayDownUntilItIsBack() {
        ProcessInstance instance = approvedMigration("app");
        runDueJobsExpectingFailures(instance);
        FakeHypervisor.completeMigration("app", SITE_B);
        advanceClock(3);
        runDueJobsUntil(instance, "Block370_EnableCommunication");
        assertThat(instance).isWaitingAt("Block370_EnableCommunication");
        WORLD.installedPolicies.remove("192.0.2.11"); // the SA went away (charon restarted) after block 345

        List<RuntimeException> failures = new ArrayList<>(runDueJobsExpectingFailures(instance));
        for (int attempt = 0; attempt < 5; attempt++) {
            advanceClock(61); // the after-target cycle: PT1S,PT3S,PT10S,PT30S,PT1M
            failures.addAll(runDueJobsExpectingFailures(instance));
        }
        assertThat(failures).as("every attempt of the retry cycle failed").hasSize(6);
        Incident incident = runtime.createIncidentQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(incident.getActivityId()).isEqualTo("Block370_EnableCommunication");
        assertThat(incident.getIncidentMessage()).contains("Block 370 (enable communication) failed")
                .contains("were not enabled").contains("slm-vm-app").contains("links are DOWN");
        assertThat(WORLD.blocked).contains("app");
        assertThat(WORLD.count("unblockTraffic@site-b")).isZero();

        WORLD.installedPolicies.add("192.0.2.11");
        management.setJobRetries(1).jobId(incident.getConfiguration()).dueDate(ClockUtil.getCurrentTime()).execute();
        runDueJobs(instance);
        assertThat(instance).isEnded().hasPassed("Block395_End");
        assertThat(WORLD.blocked).doesNotContain("app");
    }

    @Test
    void block370AlsoNeedsTheSubnetTunnelWhenTheWholeSubnetMoved() {
        ProcessInstance instance = approvedMigration("web");
        runDueJobsExpectingFailures(instance);
        FakeHypervisor.completeMigration("web", SITE_B);
        advanceClock(3);
        runDueJobsUntilExpectingFailures(instance, "Block370_EnableCommunication");
        WORLD.tunnels.clear();

        runDueJobsExpectingFailures(instance);
        Job job = management.createJobQuery().processInstanceId(instance.getId()).activityId("Block370_EnableCommunication").singleResult();
        assertThat(job.getExceptionMessage()).contains("slm-subnet-192-0-2-64-26");
        assertThat(WORLD.blocked).contains("web");

        WORLD.tunnels.add("192.0.2.64/26");
        advanceClock(31);
        runDueJobsExpectingFailures(instance);
        assertThat(instance).isWaitingAt("WaitForRoutingCore").hasPassed("Block370_EnableCommunication");
        assertThat(WORLD.blocked).doesNotContain("web");
    }

    @Test
    void theRoutingCoreGiveUpIsAnIncidentAtOnceAndARetryWaitsAWholeWindowAgain() {
        ProcessInstance instance = approvedMigration("web");
        runDueJobsExpectingFailures(instance);
        FakeHypervisor.completeMigration("web", SITE_B);
        advanceClock(3);
        runDueJobsExpectingFailures(instance);
        assertThat(instance).isWaitingAt("WaitForRoutingCore");
        for (int poll = 0; poll < 7; poll++) { // 35 minutes without a route (give-up after 30)
            advanceClock(300);
            runDueJobsExpectingFailures(instance);
        }
        Incident incident = runtime.createIncidentQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(incident.getActivityId()).isEqualTo("Block380_CheckRoutingCore");
        assertThat(incident.getIncidentMessage()).contains("gave up waiting for the routing core")
                .contains("192.0.2.64/26");
        long checks = WORLD.count("routeLearned");

        management.setJobRetries(incident.getConfiguration(), 1);
        advanceClock(31); // the failed job is due again after the retry interval
        runDueJobsExpectingFailures(instance);
        assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
        assertThat(instance).isWaitingAt("WaitForRoutingCore");
        assertThat(WORLD.count("routeLearned")).isEqualTo(checks + 1);
        assertThat(runtime.getVariable(instance.getId(), ROUTING_CORE_WAIT_RESTARTS)).isEqualTo(1);
        assertThat((java.util.Date) runtime.getVariable(instance.getId(), ROUTING_CORE_CHECK_SINCE))
                .isEqualTo(org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime());

        WORLD.routeLearned = true;
        advanceClock(6);
        runDueJobsExpectingFailures(instance);
        assertThat(instance).isEnded().hasPassed("Block390_RemoveTunnel");
        assertThat(WORLD.tunnels).isEmpty();
    }

    @Test
    void block335DecidesFromTheWorldAsItIsOnceTheVmHasMoved() {
        ProcessInstance instance = approvedMigration("app");
        assertThat((Boolean) variable(instance, WHOLE_SUBNET_MOVED)).as("db still runs in 192.0.2.0/26").isFalse();
        runDueJobs(instance);
        WORLD.runningOn.remove("db"); // db leaves the source while app migrates: app is now the last of its subnet
        FakeHypervisor.completeMigration("app", SITE_B);
        advanceClock(3);
        runDueJobs(instance);

        assertThat(instance).hasPassedInOrder("Block330_LiveMigrate", "RecheckWholeSubnetMoved",
                "Block335_WholeSubnetMoved", "Block340_EstablishTunnel");
        assertThat(instance).isWaitingAt("WaitForRoutingCore");
        assertThat(WORLD.tunnels).containsExactly("192.0.2.0/26");
        assertThat(runtime.getVariable(instance.getId(), WHOLE_SUBNET_MOVED)).isEqualTo(true);
    }
}
