package com.slm.process;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.slm.domain.ProcessVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/** The four-eyes rule and the edge validation, as the engine enforces them (not only the forms). */
class ApprovalAndValidationProcessTest extends ProcessTestSupport {

    @Test
    void theInitiatorCannotApproveEvenWhenTheyAreAnApprover() {
        ProcessInstance instance = startAs("lead", request("app"));
        runDueJobs(instance);
        Task task = approvalTask(instance);

        assertThat(authorizedFor("lead", task)).as("the task is hidden from its initiator").isFalse();
        assertThat(authorizedFor("approver", task)).isTrue();
        assertThatThrownBy(() -> decideAs("lead", instance, "approve")).isInstanceOf(AuthorizationException.class);
        // Task listener exceptions reach the caller wrapped by the engine; the message names the rule.
        assertThatThrownBy(() -> tasks.setAssignee(task.getId(), "lead")).hasMessageContaining("Four-eyes rule");
        assertThat(instance).isWaitingAt("ApproveMigration");

        decideAs("approver", instance, "approve");
        assertThat(instance).hasPassed("ApproveMigration");
        assertThat(runtime.getVariable(instance.getId(), APPROVER)).isEqualTo("approver");
    }

    @Test
    void anAdminIsRefusedOnTheirOwnRequestToo() {
        ProcessInstance instance = startAs("admin", request("app"));
        runDueJobs(instance);
        // Refused by the user REVOKE on the task, or failing that by the listener: either way, not approved.
        assertThatThrownBy(() -> decideAs("admin", instance, "approve"))
                .isInstanceOf(org.camunda.bpm.engine.ProcessEngineException.class)
                .message().containsAnyOf("Four-eyes rule: 'admin' requested this migration", "'admin' does not have");
        assertThat(instance).isWaitingAt("ApproveMigration");
    }

    @Test
    void anAnonymousCompletionIsRefused() {
        ProcessInstance instance = startAs("operator", request("app"));
        runDueJobs(instance);
        assertThatThrownBy(() -> tasks.complete(approvalTask(instance).getId(), Map.of(APPROVAL_DECISION, "approve")))
                .hasMessageContaining("An approval must be made by a logged-in user");
    }

    @Test
    void badRequestsAreRefusedWithEveryProblemAndCreateNoInstance() {
        long before = runtime.createProcessInstanceQuery().count();
        Map<String, Object> bad = request("app; rm -rf /");
        bad.put(TARGET_ENVIRONMENT, "secure");
        bad.put(TARGET_HOST, "site-a");
        bad.put(REASON, "x".repeat(501));
        bad.put(BANDWIDTH_MIBPS, -5);
        assertThatThrownBy(() -> startAs("operator", bad))
                .isInstanceOf(org.camunda.bpm.engine.BadUserRequestException.class)
                .hasMessageContaining("VM name 'app; rm -rf /' is not a valid name")
                .hasMessageContaining("Target environment must differ from the source environment")
                .hasMessageContaining("Reason is too long")
                .hasMessageContaining("Bandwidth limit (MiB/s) must be between 1 and");
        Map<String, Object> unknown = request("app");
        unknown.put(TARGET_ENVIRONMENT, "mars");
        unknown.remove(REASON);
        assertThatThrownBy(() -> startAs("operator", unknown))
                .hasMessageContaining("Target environment 'mars' is unknown")
                .hasMessageContaining("Reason is required");
        assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(before);
        assertThat(WORLD.calls).isEmpty();
    }

    @Test
    void anAuditorCannotStartAMigration() {
        assertThatThrownBy(() -> startAs("auditor", request("app"))).isInstanceOf(AuthorizationException.class);
    }

    private boolean authorizedFor(String user, Task task) {
        List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(g -> g.getId()).toList();
        return engine.getAuthorizationService().isUserAuthorized(user, groups, Permissions.READ, Resources.TASK, task.getId());
    }
}
