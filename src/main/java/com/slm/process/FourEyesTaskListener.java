package com.slm.process;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

import static com.slm.process.ProcessVariables.APPROVER;
import static com.slm.process.ProcessVariables.INITIATOR;

/**
 * The four-eyes rule on the approval task, enforced by the engine: at creation the initiator is denied the task
 * (a user REVOKE outranks the approvers' group GRANT, so Tasklist does not even show it to them); on assignment
 * and completion the listener refuses the initiator outright, which also holds for admins, whom authorizations
 * do not restrict. The approver is whoever completes the task, as the engine authenticated them.
 */
@Component
public class FourEyesTaskListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        String initiator = (String) task.getVariable(INITIATOR);
        switch (task.getEventName()) {
            case EVENTNAME_CREATE -> revokeFromInitiator(task, initiator);
            case EVENTNAME_ASSIGNMENT -> refuseInitiator(initiator, task.getAssignee(), "be assigned");
            case EVENTNAME_COMPLETE -> {
                String approver = currentUser(task);
                if (approver == null) {
                    approver = task.getAssignee();
                }
                if (approver == null) {
                    throw new AuthorizationException("An approval must be made by a logged-in user");
                }
                refuseInitiator(initiator, approver, "approve or reject");
                task.setVariable(APPROVER, approver);
            }
            default -> {
            }
        }
    }

    private static void revokeFromInitiator(DelegateTask task, String initiator) {
        if (initiator == null) {
            return;
        }
        // The engine creates this denial itself, whoever (or no one) runs the step that created the task.
        Context.getCommandContext().runWithoutAuthorization(() -> {
            saveRevoke(task, initiator);
            return null;
        });
    }

    private static void saveRevoke(DelegateTask task, String initiator) {
        AuthorizationService authorizations = task.getProcessEngineServices().getAuthorizationService();
        Authorization revoke = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
        revoke.setUserId(initiator);
        revoke.setResource(Resources.TASK);
        revoke.setResourceId(task.getId());
        revoke.removePermission(Permissions.READ);
        revoke.removePermission(Permissions.UPDATE);
        revoke.removePermission(Permissions.TASK_WORK);
        revoke.removePermission(Permissions.TASK_ASSIGN);
        authorizations.saveAuthorization(revoke);
    }

    private static void refuseInitiator(String initiator, String user, String action) {
        if (initiator != null && initiator.equals(user)) {
            throw new AuthorizationException("Four-eyes rule: '" + user + "' requested this migration and cannot "
                    + action + " it; another member of migration-approvers must");
        }
    }

    private static String currentUser(DelegateTask task) {
        Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return authentication == null ? null : authentication.getUserId();
    }
}
