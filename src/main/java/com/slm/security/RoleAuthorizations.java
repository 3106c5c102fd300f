package com.slm.security;

import com.slm.domain.ProcessVariables;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.camunda.bpm.engine.authorization.Permissions.ACCESS;
import static org.camunda.bpm.engine.authorization.Permissions.ALL;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Permissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.Permissions.READ_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.UPDATE_INSTANCE;

/**
 * The roles' grants, as versioned changes: each version is applied once per database and its number kept in the
 * engine's property table, so a grant an admin removed in Admin stays removed at the next start. Least privilege:
 * operators start migrations and read their own (a user grant per instance, made at start); approvers read
 * requests and work on the approval tasks offered to their group; auditors read history; admins do everything.
 */
public final class RoleAuthorizations {
    private static final Logger LOG = LoggerFactory.getLogger(RoleAuthorizations.class);
    static final String VERSION_PROPERTY = "slm.authorizations.version";
    static final int VERSION = 3;
    private static final String PROCESS = ProcessVariables.PROCESS_KEY;
    private static final String EVACUATION = ProcessVariables.EVACUATION_KEY;
    private static final String ANY = "*";

    private final AuthorizationService authorizations;
    private final ManagementService management;
    private final AuthorizationGrants grants;

    public RoleAuthorizations(ProcessEngine engine) {
        this.authorizations = engine.getAuthorizationService();
        this.management = engine.getManagementService();
        this.grants = new AuthorizationGrants(authorizations);
    }

    public void apply() {
        int applied = Integer.parseInt(management.getProperties().getOrDefault(VERSION_PROPERTY, "0"));
        if (applied >= VERSION) {
            return;
        }
        if (applied < 2) {
            version2();
        }
        if (applied < 3) {
            version3();
        }
        management.setProperty(VERSION_PROPERTY, String.valueOf(VERSION));
        LOG.info("Role authorizations brought from version {} to {}", applied, VERSION);
    }

    /** The baseline; also takes back what version 1 gave operators (update and read of every migration). */
    private void version2() {
        for (Resource resource : Resources.values()) {
            grants.grant(Roles.ADMINS, resource, ANY, ALL);
        }
        grants.grant(Roles.OPERATORS, Resources.APPLICATION, "tasklist", ACCESS);
        grants.grant(Roles.OPERATORS, Resources.PROCESS_DEFINITION, PROCESS, READ, CREATE_INSTANCE);
        grants.grant(Roles.OPERATORS, Resources.PROCESS_INSTANCE, ANY, CREATE);
        remove(Roles.OPERATORS, Resources.PROCESS_DEFINITION, PROCESS, READ_INSTANCE, UPDATE_INSTANCE, READ_HISTORY);
        // Approvers read the requests; the approval task itself is granted to their group as its candidate group.
        grants.grant(Roles.APPROVERS, Resources.APPLICATION, "tasklist", ACCESS);
        grants.grant(Roles.APPROVERS, Resources.PROCESS_DEFINITION, PROCESS, READ, READ_INSTANCE);
        // Auditors read history only: they cannot start, approve or change anything.
        grants.grant(Roles.AUDITORS, Resources.APPLICATION, "cockpit", ACCESS);
        grants.grant(Roles.AUDITORS, Resources.PROCESS_DEFINITION, ANY, READ, READ_HISTORY);
        for (String group : new String[]{Roles.OPERATORS, Roles.APPROVERS, Roles.AUDITORS}) {
            grants.grant(group, Resources.FILTER, ANY, READ);
            grants.grant(group, Resources.DEPLOYMENT, ANY, READ);
        }
    }

    /** Evacuations: operators start them (and read their own, by a grant per instance), approvers read them. */
    private void version3() {
        grants.grant(Roles.OPERATORS, Resources.PROCESS_DEFINITION, EVACUATION, READ, CREATE_INSTANCE);
        grants.grant(Roles.APPROVERS, Resources.PROCESS_DEFINITION, EVACUATION, READ, READ_INSTANCE);
    }

    private void remove(String group, Resource resource, String id, Permission... permissions) {
        Authorization grant = authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
                .groupIdIn(group).resourceType(resource).resourceId(id).singleResult();
        if (grant == null) {
            return;
        }
        for (Permission permission : permissions) {
            grant.removePermission(permission);
        }
        authorizations.saveAuthorization(grant);
    }
}
