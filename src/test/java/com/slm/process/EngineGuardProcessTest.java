package com.slm.process;

import com.slm.domain.SealedRequest;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.slm.domain.ProcessVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/**
 * The guarantees as the engine enforces them on the Java API (the REST and webapp doors end in the same commands,
 * see RestAttackProcessTest): each attack is refused, and nothing changed: no instance, no variable, no port call.
 */
class EngineGuardProcessTest extends ProcessTestSupport {

    @Test
    void anOperatorCannotSkipPreChecksAndApprovalWithStartInstructionsOrSkippedListeners() {
        long before = runtime.createProcessInstanceQuery().count();
        assertRefused("operator", AuthorizationException.class, "start instructions", () ->
                runtime.createProcessInstanceByKey(PROCESS_KEY).setVariables(request("app"))
                        .startBeforeActivity("Block320_DisableCommunication").execute(true, false));
        // Skipping listeners without start instructions: the engine refuses it itself (ENGINE-13024), the guard too.
        assertRefused("operator", org.camunda.bpm.engine.ProcessEngineException.class, "skip", () ->
                runtime.createProcessInstanceByKey(PROCESS_KEY).setVariables(request("app")).execute(true, false));
        assertRefused("operator", org.camunda.bpm.engine.ProcessEngineException.class, "skip", () ->
                runtime.createProcessInstanceByKey(PROCESS_KEY).setVariables(request("app")).execute(false, true));
        assertRefused("lead", AuthorizationException.class, "start instructions", () ->
                runtime.createProcessInstanceByKey(PROCESS_KEY).setVariables(request("app"))
                        .startBeforeActivity("Block330_LiveMigrate").execute());
        assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(before);
        assertThat(WORLD.calls).isEmpty();
    }

    @Test
    void startVariablesAreAClosedListOfPlainValues() {
        long before = runtime.createProcessInstanceQuery().count();
        Map<String, Object> forged = request("app");
        forged.put("initiator", "operator");
        assertRefused("lead", BadUserRequestException.class, "Unknown variable 'initiator'", () ->
                runtime.startProcessInstanceByKey(PROCESS_KEY, forged));
        Map<String, Object> extra = request("app");
        extra.put(APPROVED_DIGEST, "0".repeat(64));
        assertRefused("operator", BadUserRequestException.class, "Unknown variable 'approvedDigest'", () ->
                runtime.startProcessInstanceByKey(PROCESS_KEY, extra));
        Map<String, Object> object = request("app");
        object.put(REASON, Variables.objectValue(new ArrayList<>(List.of("x"))).create());
        assertRefused("operator", BadUserRequestException.class, "has type", () ->
                runtime.startProcessInstanceByKey(PROCESS_KEY, object));
        assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(before);
    }

    @Test
    void theRequestIsSealedAtStartAndTheApprovalRecordsItsDigest() {
        ProcessInstance instance = startAs("operator", request("app"));
        SealedRequest sealed = new SealedRequest(jsonOf(instance), (String) runtime.getVariable(instance.getId(), REQUEST_DIGEST));
        assertThat(sealed.intact()).isTrue();
        assertThat(sealed.json()).contains("\"vmName\":\"app\"", "\"requestedBy\":\"operator\"");
        assertThat(runtime.getVariables(instance.getId())).doesNotContainKeys(VM_NAME, TARGET_HOST, REASON);
        runDueJobs(instance);
        assertThat(runtime.getVariable(instance.getId(), PRE_CHECKED_DIGEST)).isEqualTo(sealed.digest());
        assertThat((String) runtime.getVariable(instance.getId(), REQUEST_SUMMARY)).contains("VM: app", "Requested by: operator");
        decideAs("approver", instance, "approve");
        assertThat(variable(instance, APPROVED_DIGEST)).isEqualTo(sealed.digest());
    }

    @Test
    void anOperatorCannotRewriteCorrelateSuspendOrRunJobsOfTheirOwnMigration() {
        ProcessInstance instance = startAs("operator", request("app"));
        String id = instance.getId();
        String digest = (String) runtime.getVariable(id, REQUEST_DIGEST);
        String jobId = management.createJobQuery().processInstanceId(id).singleResult().getId();

        assertRefused("operator", AuthorizationException.class, "may not run", () -> runtime.setVariable(id, VM_NAME, "db"));
        assertRefused("operator", AuthorizationException.class, "may not run", () -> runtime.setVariable(id, MIGRATION_REQUEST,
                SpinValues.jsonValue("{\"vmName\":\"db\"}").create()));
        assertRefused("operator", AuthorizationException.class, "may not run", () -> runtime.removeVariable(id, REQUEST_DIGEST));
        assertRefused("operator", AuthorizationException.class, "may not run", () ->
                runtime.createMessageCorrelation(MESSAGE_CANCEL_MIGRATION).processInstanceId(id).correlate());
        assertRefused("operator", AuthorizationException.class, "may not run", () -> runtime.suspendProcessInstanceById(id));
        assertRefused("operator", AuthorizationException.class, "may not run", () -> management.executeJob(jobId));
        assertRefused("operator", AuthorizationException.class, "may not run", () -> management.setJobRetries(jobId, 0));
        assertRefused("operator", AuthorizationException.class, "may not run", () ->
                runtime.createProcessInstanceModification(id).startBeforeActivity("Block320_DisableCommunication").execute());
        assertRefused("operator", AuthorizationException.class, "may not run", () -> runtime.deleteProcessInstance(id, "mine"));

        assertThat(runtime.getVariable(id, REQUEST_DIGEST)).isEqualTo(digest);
        assertThat(runtime.getVariable(id, VM_NAME)).isNull();
        assertThat(instance).isWaitingAt("Block315_SelectTargetEnvironment");
        assertThat(WORLD.calls).isEmpty();
    }

    @Test
    void anApproverCompletesWithTheDecisionAndTheCommentOnly() {
        ProcessInstance instance = startAs("operator", request("app"));
        runDueJobs(instance);
        String taskId = approvalTask(instance).getId();
        assertRefused("approver", AuthorizationException.class, "may not run", () -> tasks.setVariable(taskId, TARGET_HOST, "site-a"));
        assertRefused("approver", AuthorizationException.class, "may not run", () -> tasks.setVariableLocal(taskId, VM_ADDRESS, "192.0.2.10"));
        assertRefused("approver", FormFieldValidationException.class, "not [targetHost]", () ->
                tasks.complete(taskId, Map.of(APPROVAL_DECISION, "approve", TARGET_HOST, "site-a")));
        assertRefused("approver", FormFieldValidationException.class, "not [vmAddress]", () ->
                engine.getFormService().submitTaskForm(taskId, Map.of(APPROVAL_DECISION, "approve", VM_ADDRESS, "192.0.2.10")));
        assertRefused("approver", FormFieldValidationException.class, "must be 'approve' or 'reject'", () -> tasks.complete(taskId, Map.of()));
        assertRefused("admin", FormFieldValidationException.class, "not [" + MIGRATION_REQUEST + "]", () ->
                tasks.complete(taskId, Map.of(APPROVAL_DECISION, "approve", MIGRATION_REQUEST, "{}")));
        assertThat(instance).isWaitingAt("ApproveMigration");
        assertThat(runtime.getVariable(instance.getId(), VM_ADDRESS)).isEqualTo("192.0.2.11");
    }

    @Test
    void anOperatorReadsTheirOwnMigrationsOnly() {
        ProcessInstance leads = startAs("lead", request("app"));
        ProcessInstance own = startAs("operator", request("db"));
        List<String> seen = as("operator", () -> runtime.createProcessInstanceQuery().list().stream().map(ProcessInstance::getId).toList());
        // (other tests of this class leave migrations of "operator" behind: those are theirs to see)
        assertThat(seen).contains(own.getId()).doesNotContain(leads.getId());
        List<String> seenInHistory = as("operator", () -> history.createHistoricProcessInstanceQuery().list().stream()
                .map(h -> h.getId()).toList());
        assertThat(seenInHistory).contains(own.getId()).doesNotContain(leads.getId());
        assertRefused("operator", AuthorizationException.class, "", () -> runtime.getVariables(leads.getId()));
        assertThat(as("operator", () -> history.createHistoricVariableInstanceQuery().processInstanceId(leads.getId()).count())).isZero();
    }

    @Test
    void aRequestAlteredAfterApprovalStopsTheMigrationBeforeAnySideEffect() {
        ProcessInstance instance = approvedMigration("app");
        // Even an admin's change (admins may write variables) is caught: the steps act on the approved digest only.
        identity.setAuthentication("admin", List.of("camunda-admin"));
        try {
            String altered = jsonOf(instance).replace("\"vmName\":\"app\"", "\"vmName\":\"db\"");
            runtime.setVariable(instance.getId(), MIGRATION_REQUEST, SpinValues.jsonValue(altered).create());
            runtime.setVariable(instance.getId(), REQUEST_DIGEST, SealedRequest.sha256(altered));
        } finally {
            identity.clearAuthentication();
        }
        for (int attempt = 0; attempt < 5; attempt++) {
            runDueJobsExpectingFailures(instance);
            advanceClock(60);
        }
        Incident incident = runtime.createIncidentQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(incident).isNotNull();
        assertThat(incident.getActivityId()).isEqualTo("Block320_DisableCommunication");
        assertThat(incident.getIncidentMessage()).contains("Request altered", "not the one that was approved");
        assertThat(WORLD.blocked).isEmpty();
        assertThat(WORLD.calls).noneMatch(call -> call.startsWith("blockTraffic") || call.startsWith("startMigration"));
    }

    @Test
    void theRequesterCancelsTheirOwnMigrationWhileItWaitsForApprovalAndNobodyElseCan() {
        ProcessInstance instance = startAs("operator", request("app"));
        runDueJobs(instance);
        CancelMigration cancel = new CancelMigration(runtime, history);
        assertThat(cancel.cancel(instance.getId(), "lead", false)).isEqualTo(CancelMigration.Result.NOT_FOUND);
        assertThat(instance).isWaitingAt("ApproveMigration");
        assertThat(cancel.cancel(instance.getId(), "operator", false)).isEqualTo(CancelMigration.Result.CANCELLED);
        assertThat(instance).isEnded().hasPassed("EndCancelled");
        assertThat(variable(instance, OUTCOME)).isEqualTo("CANCELLED");
        assertThat(variable(instance, CANCELLED_BY)).isEqualTo("operator");
        assertThat(cancel.cancel(instance.getId(), "operator", false)).isEqualTo(CancelMigration.Result.WRONG_PHASE);
        assertThat(WORLD.calls).noneMatch(call -> call.startsWith("blockTraffic"));
    }

    @Test
    void javaSerializedVariablesAreRefusedEvenToAdmins() {
        ProcessInstance instance = startAs("operator", request("app"));
        assertThat(engine.getProcessEngineConfiguration()).extracting("deserializationTypeValidationEnabled").isEqualTo(true);
        assertRefused("admin", org.camunda.bpm.engine.ProcessEngineException.class, "", () ->
                runtime.setVariable(instance.getId(), "gadget", Variables.serializedObjectValue("rO0ABXQAAXg=")
                        .serializationDataFormat(Variables.SerializationDataFormats.JAVA).objectTypeName("java.lang.String").create()));
        assertThat(runtime.getVariable(instance.getId(), "gadget")).isNull();
    }

    @Test
    void aGrantRemovedInAdminStaysRemovedAtTheNextStart() {
        var authorizations = engine.getAuthorizationService();
        var grant = authorizations.createAuthorizationQuery().groupIdIn("auditors")
                .resourceType(org.camunda.bpm.engine.authorization.Resources.APPLICATION).resourceId("cockpit").singleResult();
        assertThat(grant).isNotNull();
        authorizations.deleteAuthorization(grant.getId());
        new com.slm.security.RoleAuthorizations(engine).apply();
        assertThat(authorizations.createAuthorizationQuery().groupIdIn("auditors")
                .resourceType(org.camunda.bpm.engine.authorization.Resources.APPLICATION).resourceId("cockpit").count()).isZero();
        // and the operators' old blanket rights on every migration are gone
        for (String process : List.of(PROCESS_KEY, EVACUATION_KEY)) {
            var operators = authorizations.createAuthorizationQuery().groupIdIn("migration-operators")
                    .resourceType(org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION).resourceId(process).singleResult();
            assertThat(operators.isPermissionGranted(org.camunda.bpm.engine.authorization.Permissions.CREATE_INSTANCE)).isTrue();
            assertThat(operators.isPermissionGranted(org.camunda.bpm.engine.authorization.Permissions.UPDATE_INSTANCE)).isFalse();
            assertThat(operators.isPermissionGranted(org.camunda.bpm.engine.authorization.Permissions.READ_INSTANCE)).isFalse();
        }
    }

    private String jsonOf(ProcessInstance instance) {
        org.camunda.bpm.engine.variable.value.SerializableValue json = runtime.getVariableTyped(instance.getId(), MIGRATION_REQUEST, false);
        return json.getValueSerialized();
    }

    private void assertRefused(String user, Class<? extends Exception> type, String message, Executable attack) {
        as(user, () -> assertThatThrownBy(attack::execute).isInstanceOf(type).hasMessageContaining(message));
    }
}
