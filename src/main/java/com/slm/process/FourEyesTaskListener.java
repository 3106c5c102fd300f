package com.slm.process;

import com.slm.domain.RequestAlteredException;
import com.slm.domain.SealedRequest;
import com.slm.process.support.SealedRequests;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.springframework.stereotype.Component;

import static com.slm.domain.ProcessVariables.APPROVED_DIGEST;
import static com.slm.domain.ProcessVariables.APPROVER;
import static com.slm.domain.ProcessVariables.PRE_CHECKED_DIGEST;

/**
 * The four-eyes rule on the approval task, from the engine's own facts: the requester is the start user id the
 * engine recorded for the instance (never a variable anyone could write). At creation the requester is denied
 * the task (a user REVOKE outranks the approvers' group GRANT, so Tasklist does not even show it to them); on
 * assignment and completion the listener refuses the requester outright, which also holds for admins, whom
 * authorizations do not restrict. At completion the approver is whoever the engine authenticated, and the digest
 * of the sealed request they approved is recorded: every later step acts only on that exact request.
 */
@Component
public class FourEyesTaskListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        String requester = requester(task);
        switch (task.getEventName()) {
            case EVENTNAME_CREATE -> revokeFromRequester(task, requester);
            case EVENTNAME_ASSIGNMENT -> refuseRequester(requester, task.getAssignee(), "be assigned");
            case EVENTNAME_COMPLETE -> {
                String approver = currentUser(task);
                if (approver == null) {
                    throw new AuthorizationException("An approval must be made by a logged-in user");
                }
                refuseRequester(requester, approver, "approve or reject");
                task.setVariable(APPROVED_DIGEST, checkedDigest(task));
                task.setVariable(APPROVER, approver);
            }
            default -> {
            }
        }
    }

    /** The start user id of the instance, as the engine recorded it when the instance started. */
    static String requester(DelegateTask task) {
        // Read in this command, through the entity manager: a query would run as a nested command with the
        // caller's authorizations, and an approver may not read the instance's history.
        HistoricProcessInstance instance = Context.getCommandContext().getHistoricProcessInstanceManager()
                .findHistoricProcessInstance(task.getProcessInstanceId());
        String requester = instance == null ? null : instance.getStartUserId();
        if (requester == null) {
            throw new AuthorizationException("Four-eyes rule: the engine has no record of who started migration "
                    + task.getProcessInstanceId() + ", so nobody can approve it");
        }
        return requester;
    }

    /** The approval is of the request the pre-checks ran against, unaltered since. */
    private static String checkedDigest(DelegateTask task) {
        SealedRequest sealed = SealedRequests.stored(task.getExecution());
        if (sealed == null || !sealed.intact() || !sealed.digest().equals(task.getVariable(PRE_CHECKED_DIGEST))) {
            throw new RequestAlteredException("Request altered: the sealed request is not the one the pre-checks ran "
                    + "against; it cannot be approved. Cancel this migration and start a new request.");
        }
        return sealed.digest();
    }

    private static void revokeFromRequester(DelegateTask task, String requester) {
        // The engine creates this denial itself, whoever (or no one) runs the step that created the task.
        Context.getCommandContext().runWithoutAuthorization(() -> {
            saveRevoke(task, requester);
            return null;
        });
    }

    private static void saveRevoke(DelegateTask task, String requester) {
        AuthorizationEntity revoke = new AuthorizationEntity(Authorization.AUTH_TYPE_REVOKE);
        revoke.setUserId(requester);
        revoke.setResource(Resources.TASK);
        revoke.setResourceId(task.getId());
        revoke.removePermission(Permissions.READ);
        revoke.removePermission(Permissions.UPDATE);
        revoke.removePermission(Permissions.TASK_WORK);
        revoke.removePermission(Permissions.TASK_ASSIGN);
        Context.getCommandContext().getAuthorizationManager().insert(revoke);
    }

    private static void refuseRequester(String requester, String user, String action) {
        if (requester.equals(user)) {
            throw new AuthorizationException("Four-eyes rule: '" + user + "' requested this migration and cannot "
                    + action + " it; another member of migration-approvers must");
        }
    }

    private static String currentUser(DelegateTask task) {
        Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return authentication == null ? null : authentication.getUserId();
    }
}
