package com.slm.process;

import com.slm.domain.VmPlacement;
import com.slm.process.fixtures.FakeHypervisor;
import com.slm.testing.WebappSession;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static com.slm.domain.ProcessVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/**
 * Evacuating a subnet against the port doubles: one request, one four-eyes approval for the batch, each VM by its
 * own migration (which adopts the batch's approval, and nothing else can), in lanes of the requested parallelism,
 * a failed VM does not stop the others, and the subnet's tunnel and routing-core wait happen once, after the last.
 */
class EvacuationProcessTest extends ProcessTestSupport {

    @Autowired
    TestRestTemplate rest;

    private ProcessInstance approvedEvacuation(int parallelism) {
        ProcessInstance evacuation = startEvacuationAs("operator", evacuationRequest(parallelism));
        runAllDueJobs();
        assertThat(evacuation).isWaitingAt(EVACUATION_APPROVAL_TASK);
        assertThat((String) runtime.getVariable(evacuation.getId(), REQUEST_SUMMARY)).contains("2 VMs: app, db");
        approveEvacuationAs("approver", evacuation);
        runAllDueJobs();
        return evacuation;
    }

    /** An approved evacuation of parallelism 1 (one lane) at its first VM: one VM's migration runs, the other waits. */
    private record FirstOfOneLane(ProcessInstance evacuation, HistoricProcessInstance migration, String firstVm, String secondVm) {
    }

    private FirstOfOneLane firstOfOneLane() {
        ProcessInstance evacuation = approvedEvacuation(1);
        List<HistoricProcessInstance> first = migrationsOf(evacuation);
        assertThat(first).as("one at a time: the lane's second VM waits for its first").hasSize(1);
        String firstVm = first.get(0).getBusinessKey();
        return new FirstOfOneLane(evacuation, first.get(0), firstVm, firstVm.equals("app") ? "db" : "app");
    }

    @Test
    void oneApprovalMovesTheWholeSubnetAndTheTunnelComesOnceAfterTheLast() {
        ProcessInstance evacuation = approvedEvacuation(2);

        List<HistoricProcessInstance> migrations = migrationsOf(evacuation);
        assertThat(migrations).extracting(HistoricProcessInstance::getBusinessKey).containsExactlyInAnyOrder("db", "app");
        assertThat(tasks.createTaskQuery().taskDefinitionKey(APPROVAL_TASK).count())
                .as("the batch's approval covers each migration").isZero();
        for (HistoricProcessInstance migration : migrations) {
            assertThat(runtime.createProcessInstanceQuery().processInstanceId(migration.getId()).singleResult())
                    .as("both at once (parallelism 2)").isNotNull();
        }
        FakeHypervisor.completeMigration("db", SITE_B);
        FakeHypervisor.completeMigration("app", SITE_B);
        advanceClock(3);
        runAllDueJobs();

        for (HistoricProcessInstance migration : migrationsOf(evacuation)) {
            String id = migration.getId();
            assertThat(historic(id, OUTCOME)).isEqualTo("COMPLETED");
            assertThat(historic(id, APPROVER)).isEqualTo("approver");
            assertThat(historic(id, EVACUATION_ID)).isEqualTo(evacuation.getId());
            assertThat(historic(id, SUBNET_LEFT_TO_EVACUATION)).isEqualTo(true);
            assertThat(historic(id, WHOLE_SUBNET_MOVED)).as("335 is the evacuation's").isEqualTo(false);
            assertThat(historic(id, MIGRATION_REQUEST).toString()).contains("\"requestedBy\":\"operator\"");
        }
        for (HistoricProcessInstance migration : migrationsOf(evacuation)) {
            assertThat(get("operator", "/api/migrations").getBody()).as("the requester's own migrations list them")
                    .contains(migration.getId());
            assertThat(get("operator", "/api/migrations/" + migration.getId()).getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(get("auditor", "/api/audit/migrations/" + migration.getId()).getBody())
                    .contains("\"requestedBy\":\"operator\"").contains("\"evacuationId\":\"" + evacuation.getId() + "\"");
        }
        assertThat(evacuation).isWaitingAt("Evacuation385_WaitForRoutingCore");
        assertThat(WORLD.tunnels).containsExactly(SUBNET_1);
        assertThat(WORLD.count("establishSubnetTunnel")).as("once for the subnet").isEqualTo(1);
        assertThat(WORLD.installedPolicies).contains("192.0.2.10", "192.0.2.11");

        WORLD.routeLearned = true;
        advanceClock(6);
        runAllDueJobs();

        assertThat(evacuation).isEnded().hasPassedInOrder("RunEvacuationPreChecks", EVACUATION_APPROVAL_TASK,
                "MigrateEachVm", "RecordEvacuationOutcomes", "Evacuation335_Recheck", "Evacuation340_EstablishTunnel",
                "Evacuation380_CheckRoutingCore", "Evacuation390_RemoveTunnel", "EvacuationEnd");
        assertThat(WORLD.tunnels).isEmpty();
        assertThat(WORLD.count("removeSubnetTunnel")).isEqualTo(1);
        assertThat(historic(evacuation.getId(), EVACUATED_COUNT)).isEqualTo(2);
        assertThat(historic(evacuation.getId(), OUTCOME)).isEqualTo("COMPLETED");
        assertThat((String) historic(evacuation.getId(), EVACUATION_SUMMARY)).contains("db: COMPLETED").contains("app: COMPLETED");
    }

    @Test
    void aFailedVmDoesNotStopTheOthersAndTheSubnetIsNotTunnelledWhileOneStays() {
        FirstOfOneLane lane = firstOfOneLane();
        ProcessInstance evacuation = lane.evacuation();
        String firstVm = lane.firstVm();
        String secondVm = lane.secondVm();

        FakeHypervisor.failMigration(firstVm);
        advanceClock(3);
        runAllDueJobs();
        assertThat(historic(lane.migration().getId(), OUTCOME)).isEqualTo("ROLLED_BACK");

        List<HistoricProcessInstance> both = migrationsOf(evacuation);
        assertThat(both).extracting(HistoricProcessInstance::getBusinessKey).containsExactly(firstVm, secondVm);
        FakeHypervisor.completeMigration(secondVm, SITE_B);
        advanceClock(3);
        runAllDueJobs();

        assertThat(evacuation).isEnded().hasPassed("Evacuation335_Recheck").hasNotPassed("Evacuation340_EstablishTunnel");
        assertThat(WORLD.count("establishSubnetTunnel")).isZero();
        assertThat(historic(evacuation.getId(), EVACUATED_COUNT)).isEqualTo(1);
        assertThat(historic(evacuation.getId(), NOT_EVACUATED_COUNT)).isEqualTo(1);
        assertThat((String) historic(evacuation.getId(), EVACUATION_OUTCOMES).toString())
                .contains("\"vm\":\"" + firstVm + "\"").contains("ROLLED_BACK").contains("COMPLETED");
    }

    /**
     * A crash after each of the evacuation's steps, before its commit: the step runs again and changes nothing in the
     * world (the call activity's second run starts the migrations the first one's rollback took away). Together with
     * the migrations' own replay (SecureLiveMigrationProcessTest), every step of both models is run twice.
     */
    @Test
    void runningEveryEvacuationStepTwiceChangesNothing() {
        ProcessInstance evacuation = startEvacuationAs("operator", evacuationRequest(2));
        Set<String> replayed = new TreeSet<>(runDueJobsCrashingBeforeEachCommit(evacuation));
        approveEvacuationAs("approver", evacuation);
        replayed.addAll(runDueJobsCrashingBeforeEachCommit(evacuation));
        assertThat(migrationsOf(evacuation)).as("each VM's migration started once").hasSize(2);
        runDueJobsOfAllBut(evacuation);
        FakeHypervisor.completeMigration("db", SITE_B);
        FakeHypervisor.completeMigration("app", SITE_B);
        advanceClock(3);
        runDueJobsOfAllBut(evacuation);
        replayed.addAll(runDueJobsCrashingBeforeEachCommit(evacuation));
        WORLD.routeLearned = true;
        advanceClock(6);
        replayed.addAll(runDueJobsCrashingBeforeEachCommit(evacuation));

        assertThat(evacuation).isEnded().hasPassed("Evacuation390_RemoveTunnel", "EvacuationEnd");
        assertThat(WORLD.count("establishSubnetTunnel")).as("the first run and its replay, nothing more").isEqualTo(2);
        assertThat(WORLD.tunnels).isEmpty();
        Set<String> steps = new TreeSet<>();
        Bpmn.readModelFromFile(new File("bpmn/evacuate-subnet.bpmn")).getModelElementsByType(Activity.class).stream()
                .filter(a -> a instanceof ServiceTask || a instanceof CallActivity).forEach(a -> steps.add(a.getId()));
        assertThat(replayed).as("every step of the evacuation ran twice").containsAll(steps);
    }

    @Test
    void theRequesterCannotApproveTheirOwnBatch() {
        ProcessInstance evacuation = startEvacuationAs("operator", evacuationRequest(2));
        runAllDueJobs();
        Task approval = evacuationApproval(evacuation);

        assertThatThrownBy(() -> as("operator", () -> {
            tasks.complete(approval.getId(), Map.of(APPROVAL_DECISION, "approve"));
            return null;
        })).isInstanceOf(AuthorizationException.class);
        assertThat(evacuation).isWaitingAt(EVACUATION_APPROVAL_TASK);
        assertThat(migrationsOf(evacuation)).isEmpty();
    }

    @Test
    void aBadRequestIsRefusedWithEveryProblemAndStartsNothing() {
        Map<String, Object> request = evacuationRequest(9);
        request.put(SUBNET, "10.9.9.0/24");
        request.put(TARGET_ENVIRONMENT, "secure");

        assertThatThrownBy(() -> startEvacuationAs("operator", request))
                .isInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("Parallelism must be between 1 and 8")
                .hasMessageContaining("Subnet '10.9.9.0/24' is not a subnet of environment 'secure'")
                .hasMessageContaining("Target environment must differ");
        Map<String, Object> notOfTheSubnet = evacuationRequest(1);
        notOfTheSubnet.put(VM_NAMES, "db, web");
        assertThatThrownBy(() -> startEvacuationAs("operator", notOfTheSubnet))
                .hasMessageContaining("VM 'web' is not a known VM of subnet " + SUBNET_1);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(EVACUATION_KEY).count()).isZero();
    }

    @Test
    void theRestEdgeAnswers400WithEveryProblemOnEveryMountAndAValidStartGoesThrough() {
        String bad = """
                {"variables": {"subnet": {"value": "10.9.9.0/24"}, "sourceEnvironment": {"value": "secure"},
                  "targetEnvironment": {"value": "remote"}, "targetHost": {"value": "site-b"},
                  "reason": {"value": "maintenance"}, "parallelism": {"value": 0}, "vmName": {"value": "app"}}}""";
        for (String path : List.of("/engine-rest/process-definition/key/evacuateSubnet/start",
                "/engine-rest/engine/default/process-definition/key/evacuateSubnet/submit-form")) {
            ResponseEntity<String> refused = post("operator", "op-pass", path, bad);
            assertThat(refused.getStatusCode()).as(path).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(refused.getBody()).contains("Evacuation request refused").contains("Unknown variable 'vmName'")
                    .contains("Parallelism must be between 1 and 8").contains("is not a subnet of environment 'secure'");
        }
        String good = bad.replace("10.9.9.0/24", SUBNET_1).replace("\"value\": 0", "\"value\": 2")
                .replace(", \"vmName\": {\"value\": \"app\"}", "");
        assertThat(post("auditor", "au-pass", "/engine-rest/process-definition/key/evacuateSubnet/start", good)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(EVACUATION_KEY).count()).isZero();
        ResponseEntity<String> started = post("operator", "op-pass", "/engine-rest/process-definition/key/evacuateSubnet/start", good);
        assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.OK);
        ProcessInstance evacuation = runtime.createProcessInstanceQuery().processDefinitionKey(EVACUATION_KEY).singleResult();
        assertThat(evacuation.getBusinessKey()).isEqualTo(SUBNET_1);
        assertThat(runtime.getVariable(evacuation.getId(), SUBNET)).as("the loose fields are sealed away").isNull();
    }

    private ResponseEntity<String> get(String user, String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, PASSWORDS.get(user));
        return rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    private static final Map<String, String> PASSWORDS = Map.of("operator", "op-pass", "auditor", "au-pass", "lead", "le-pass",
            "approver", "ap-pass");

    private ResponseEntity<String> post(String user, String password, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBasicAuth(user, password);
        return rest.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    @Test
    void aMigrationOnItsOwnCannotAdoptAnApprovalEvenWhenAnAdminMovesItThere() {
        ProcessInstance migration = startAs("operator", request("app"));
        runDueJobs(migration);
        assertThat(migration).isWaitingAt(APPROVAL_TASK);

        as("admin", () -> {
            runtime.createProcessInstanceModification(migration.getId())
                    .cancelAllForActivity(APPROVAL_TASK).startBeforeActivity("AdoptEvacuationApproval").execute();
            return null;
        });
        List<RuntimeException> failures = new ArrayList<>(runDueJobsExpectingFailures(migration));

        assertThat(failures).isNotEmpty().allSatisfy(e -> assertThat(e).hasMessageContaining("Not approved"));
        assertThat(runtime.getVariable(migration.getId(), APPROVED_DIGEST)).isNull();
        assertThat(WORLD.count("startMigration")).isZero();
    }

    private ResponseEntity<String> put(String user, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBasicAuth(user, PASSWORDS.get(user));
        return rest.exchange(path, HttpMethod.PUT, new HttpEntity<>(body, headers), String.class);
    }

    /**
     * The batch is cancelled right after its approval, while its migrations are still in their pre-checks: they do not
     * listen for a cancel yet, so the evacuation's cancel cannot reach them (WRONG_PHASE). Their first step before the
     * target asks the batch and rolls back before anything changed: no migration of a cancelled batch moves a VM.
     */
    @Test
    void aCancelWhileTheBatchsMigrationsAreInTheirPreChecksStopsThemBeforeAnythingChanges() {
        ProcessInstance evacuation = startEvacuationAs("operator", evacuationRequest(2));
        runAllDueJobs();
        approveEvacuationAs("approver", evacuation);
        runDueJobsOnlyOf(evacuation);
        List<HistoricProcessInstance> started = migrationsOf(evacuation);
        assertThat(started).as("both started, neither past its start").hasSize(2);

        ResponseEntity<String> cancelled = cancelEvacuation("operator", evacuation);
        assertThat(cancelled.getStatusCode()).as(cancelled.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(cancelled.getBody()).as("they do not listen for their own cancel yet")
                .contains("\"app\":\"WRONG_PHASE\"").contains("\"db\":\"WRONG_PHASE\"");
        advanceClock(3);
        runAllDueJobs();

        for (HistoricProcessInstance migration : started) {
            assertThat(historic(migration.getId(), OUTCOME)).isEqualTo("ROLLED_BACK");
            assertThat(historic(migration.getId(), CANCELLED_BY)).isEqualTo("operator");
            assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(migration.getId())
                    .activityId("EvacuationCancelled").count()).as("rolled back on the batch's cancel").isEqualTo(1);
        }
        assertThat(WORLD.count("blockTraffic")).as("no link went down").isZero();
        assertThat(WORLD.count("startMigration")).as("no VM moved").isZero();
        assertThat(WORLD.placement.get("db")).isEqualTo(VmPlacement.RUNNING_AT_SOURCE);
        assertThat(WORLD.placement.get("app")).isEqualTo(VmPlacement.RUNNING_AT_SOURCE);
        assertThat(evacuation).isEnded().hasPassed("EvacuationCancelNoted", "EvacuationEnd");
        assertThat(historic(evacuation.getId(), OUTCOME)).isEqualTo("CANCELLED");
        assertThat(historic(evacuation.getId(), EVACUATED_COUNT)).isEqualTo(0);
    }

    private ResponseEntity<String> cancelEvacuation(String user, ProcessInstance evacuation) {
        return post(user, PASSWORDS.get(user), "/api/evacuations/" + evacuation.getId() + "/cancel", "");
    }

    @Test
    void theRequesterCancelsTheBatchWhileItsApprovalWaitsAndNothingChanges() {
        ProcessInstance evacuation = startEvacuationAs("operator", evacuationRequest(2));
        runAllDueJobs();
        assertThat(evacuation).isWaitingAt(EVACUATION_APPROVAL_TASK);

        assertThat(cancelEvacuation("lead", evacuation).getStatusCode()).as("another operator's batch: not theirs")
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(cancelEvacuation("approver", evacuation).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        // nobody but the product correlates the cancel or sets its flag, the requester included, on either mount
        for (String mount : List.of("/engine-rest", "/engine-rest/engine/default")) {
            for (String user : List.of("operator", "lead")) {
                assertThat(post(user, PASSWORDS.get(user), mount + "/message", """
                        {"messageName": "CancelEvacuation", "processInstanceId": "%s"}""".formatted(evacuation.getId()))
                        .getStatusCode().is4xxClientError()).as(user + " correlates on " + mount).isTrue();
                assertThat(put(user, mount + "/process-instance/" + evacuation.getId() + "/variables/evacuationCancelled",
                        "{\"value\": true, \"type\": \"Boolean\"}").getStatusCode().is4xxClientError())
                        .as(user + " sets the flag on " + mount).isTrue();
            }
        }
        // nor through the webapps' own API (Cockpit, Tasklist), with a logged-in session and its CSRF token
        for (String user : List.of("operator", "lead")) {
            WebappSession webapp = WebappSession.login(java.net.http.HttpClient.newHttpClient(), rest.getRootUri(), user,
                    PASSWORDS.get(user));
            assertThat(webapp.post("/camunda/api/engine/engine/default/process-instance/count", "{}").statusCode())
                    .as("the session and its CSRF token work: a refusal below is the engine's").isEqualTo(200);
            assertThat(webapp.post("/camunda/api/engine/engine/default/message", "{\"messageName\": \"CancelEvacuation\", "
                    + "\"processInstanceId\": \"" + evacuation.getId() + "\"}").statusCode())
                    .as(user + " correlates through the webapps").isBetween(400, 499);
            assertThat(webapp.put("/camunda/api/engine/engine/default/process-instance/" + evacuation.getId()
                    + "/variables/evacuationCancelled", "{\"value\": true, \"type\": \"Boolean\"}").statusCode())
                    .as(user + " sets the flag through the webapps").isBetween(400, 499);
        }
        assertThat(runtime.getVariable(evacuation.getId(), EVACUATION_CANCELLED)).isEqualTo(false);
        assertThat(evacuation).isWaitingAt(EVACUATION_APPROVAL_TASK);
        ResponseEntity<String> cancelled = cancelEvacuation("operator", evacuation);
        assertThat(cancelled.getStatusCode()).as(cancelled.getBody()).isEqualTo(HttpStatus.OK);

        assertThat(evacuation).isEnded().hasPassed("EvacuationEndCancelled");
        assertThat(historic(evacuation.getId(), OUTCOME)).isEqualTo("CANCELLED");
        assertThat(historic(evacuation.getId(), CANCELLED_BY)).isEqualTo("operator");
        assertThat(migrationsOf(evacuation)).isEmpty();
        assertThat(WORLD.count("startMigration")).isZero();
        assertThat(cancelEvacuation("operator", evacuation).getStatusCode()).as("ended: nothing left to cancel")
                .isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void aCancelDuringTheLaneRollsItsMigrationBackAndStartsNoFurtherVm() {
        FirstOfOneLane lane = firstOfOneLane();
        ProcessInstance evacuation = lane.evacuation();
        String firstVm = lane.firstVm();
        String secondVm = lane.secondVm();

        String detail = "/api/migrations/" + lane.migration().getId();
        assertThat(get("operator", detail).getBody()).as("the requester's page offers the batch's cancel")
                .contains("\"evacuationId\":\"" + evacuation.getId() + "\"").contains("\"evacuationCancellable\":true");
        assertThat(get("auditor", detail).getBody()).contains("\"evacuationCancellable\":false");
        ResponseEntity<String> cancelled = cancelEvacuation("operator", evacuation);
        assertThat(cancelled.getStatusCode()).as(cancelled.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(cancelled.getBody()).contains("\"" + firstVm + "\":\"CANCELLED\"");
        advanceClock(3);
        runAllDueJobs();

        assertThat(historic(lane.migration().getId(), OUTCOME)).as("the running migration rolled back").isEqualTo("ROLLED_BACK");
        assertThat(historic(lane.migration().getId(), CANCELLED_BY)).isEqualTo("operator");
        assertThat(migrationsOf(evacuation)).as("the lane starts no further VM").hasSize(1);
        assertThat(evacuation).isEnded().hasPassed("EvacuationCancelNoted", "RecordEvacuationOutcomes", "EvacuationEnd")
                .hasNotPassed("Evacuation340_EstablishTunnel");
        assertThat(historic(evacuation.getId(), OUTCOME)).isEqualTo("CANCELLED");
        assertThat(historic(evacuation.getId(), EVACUATED_COUNT)).isEqualTo(0);
        assertThat((String) historic(evacuation.getId(), EVACUATION_SUMMARY))
                .contains(firstVm + ": ROLLED_BACK").contains(secondVm + ": NOT_STARTED");
        assertThat(WORLD.placement.get(firstVm)).as("back at the source").isEqualTo(VmPlacement.RUNNING_AT_SOURCE);
        assertThat(WORLD.blocked).as("its traffic enabled again").doesNotContain(firstVm);
        assertThat(get("operator", detail).getBody()).contains("\"evacuationCancellable\":false");
    }
}
