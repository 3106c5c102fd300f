package com.slm.process.support;

import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;

/**
 * Operators read their own requests only: a user grant on the one instance, at runtime and in history. Written
 * through the entity manager, in the start command: the starter may not create authorizations themselves.
 */
public final class StarterGrants {
    private StarterGrants() {
    }

    public static void grantRead(String processInstanceId, String starter) {
        CommandContext context = Context.getCommandContext();
        context.runWithoutAuthorization(() -> {
            context.getAuthorizationManager().insert(grant(starter, Resources.PROCESS_INSTANCE, processInstanceId, Permissions.READ));
            context.getAuthorizationManager().insert(grant(starter, Resources.HISTORIC_PROCESS_INSTANCE, processInstanceId,
                    HistoricProcessInstancePermissions.READ));
            return null;
        });
    }

    private static AuthorizationEntity grant(String user, Resource resource, String id, Permission permission) {
        AuthorizationEntity grant = new AuthorizationEntity(Authorization.AUTH_TYPE_GRANT);
        grant.setUserId(user);
        grant.setResource(resource);
        grant.setResourceId(id);
        grant.addPermission(permission);
        return grant;
    }
}
