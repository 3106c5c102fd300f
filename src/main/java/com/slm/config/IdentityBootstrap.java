package com.slm.config;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.util.Base64;


/**
 * Creates the product's groups, their authorizations and the admin user at start, once: every piece is
 * checked before it is made, so a restart changes nothing. The admin's password is taken from
 * {@code SLM_ADMIN_PASSWORD}; without it one is generated and printed once on the console (never logged,
 * never stored in clear: the engine keeps a salted hash).
 */
@Component
public class IdentityBootstrap extends AbstractCamundaConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(IdentityBootstrap.class);

    private final SecurityProperties security;
    private IdentityService identity;

    public IdentityBootstrap(SecurityProperties security) {
        this.security = security;
    }

    /** Runs once the engine is built, before the job executor and the web endpoints serve anyone. */
    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        this.identity = engine.getIdentityService();
                Roles.ALL.forEach(this::ensureGroup);
        new RoleAuthorizations(engine).apply();
        ensureAdmin();
        security.users().forEach(this::ensureUser);
    }

    private void ensureAdmin() {
        String id = security.adminUser();
        if (identity.createUserQuery().userId(id).count() > 0) {
            return;
        }
        String password = security.adminPassword();
        boolean generated = password == null || password.isBlank();
        if (generated) {
            password = generatePassword();
        }
        createUser(id, password, "Admin", "slm");
        identity.createMembership(id, Roles.ADMINS);
        if (generated) {
            // The console, not the log: the password must be seen once by whoever starts the app, and never kept.
            System.out.println("""
                    ==================================================================
                    slm: created user '%s' with a generated password (shown once):
                        %s
                    Set SLM_ADMIN_PASSWORD before the first start to choose it instead.
                    ==================================================================""".formatted(id, password));
        }
        LOG.info("Created admin user '{}' (password {})", id, generated ? "generated, printed on the console" : "from SLM_ADMIN_PASSWORD");
    }

    private void ensureUser(SecurityProperties.UserSpec spec) {
        if (identity.createUserQuery().userId(spec.id()).count() == 0) {
            createUser(spec.id(), spec.password(), spec.firstName(), spec.lastName());
            LOG.info("Created user '{}' in groups {}", spec.id(), spec.groups());
        }
        for (String group : spec.groups()) {
            ensureGroup(group);
            if (identity.createUserQuery().userId(spec.id()).memberOfGroup(group).count() == 0) {
                identity.createMembership(spec.id(), group);
            }
        }
    }

    private void createUser(String id, String password, String firstName, String lastName) {
        if (password == null || password.isBlank()) {
            throw new IllegalStateException("User '" + id + "' has no password configured");
        }
        User user = identity.newUser(id);
        user.setPassword(password);
        user.setFirstName(firstName == null ? id : firstName);
        user.setLastName(lastName == null ? "" : lastName);
        identity.saveUser(user);
    }

    private void ensureGroup(String id) {
        if (identity.createGroupQuery().groupId(id).count() == 0) {
            Group group = identity.newGroup(id);
            group.setName(id);
            group.setType(Roles.ADMINS.equals(id) ? "SYSTEM" : "WORKFLOW");
            identity.saveGroup(group);
        }
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
