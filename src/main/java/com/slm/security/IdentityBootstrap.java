package com.slm.security;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.EncryptionUtil;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.stream.Collectors;


/**
 * Creates the product's groups, their authorizations and the admin user at start, once: every piece is
 * checked before it is made, so a restart changes nothing. The admin's password is taken from
 * {@code SLM_ADMIN_PASSWORD}; without it one is generated and written to {@code slm.security.admin-password-file}
 * (created owner-only, 0600; the log names the file, never the password; the engine keeps a salted hash).
 * Demo users exist only while a configuration lists them as demo users (the demo profile): they are marked when
 * created, and every start without them removes the marked ones (real users are never marked).
 */
@Component
public class IdentityBootstrap extends AbstractCamundaConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(IdentityBootstrap.class);
    /** The e-mail domain that marks a user the demo profile created (.invalid: never a real address). */
    static final String DEMO_MARK = "@demo-user.slm.invalid";
    /** Demo users made before they were marked: these ids, and only with their published password demo-&lt;id&gt;. */
    private static final Set<String> UNMARKED_DEMO_IDS = Set.of("operator", "approver", "auditor", "lead");

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
        // first: a configured real user must never inherit a left-over demo account (and its published password)
        removeDemoUsersNotConfigured(engine);
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
        if (generated) {
            // Before the user exists: if the file cannot be written, the start fails and the next one tries again.
            writeOwnerOnly(security.adminPasswordFile(), password);
        }
        createUser(id, password, "Admin", "slm", null);
        identity.createMembership(id, Roles.ADMINS);
        if (generated) {
            LOG.warn("Created admin user '{}' with a generated password: read it from {} (owner-only), change it in "
                    + "Admin, then delete the file. Set SLM_ADMIN_PASSWORD before the first start to choose it instead.",
                    id, security.adminPasswordFile().toAbsolutePath());
        } else {
            LOG.info("Created admin user '{}' (password from slm.security.admin-password / SLM_ADMIN_PASSWORD)", id);
        }
    }

    /**
     * Writes {@code secret} to {@code file}, readable and writable by its owner only: a temporary file is created
     * with permissions 0600 from the start (never wider, not even for a moment), written, then moved into place.
     */
    static void writeOwnerOnly(Path file, String secret) {
        Path target = file.toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            Path temporary = Files.createTempFile(target.getParent(), ".admin-password-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(temporary, secret + System.lineSeparator(), StandardCharsets.UTF_8);
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (UnsupportedOperationException e) {
            throw new IllegalStateException("cannot create " + target + " owner-only: the file system has no POSIX "
                    + "permissions; set SLM_ADMIN_PASSWORD instead", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the generated admin password to " + target, e);
        }
    }

    private void ensureUser(SecurityProperties.UserSpec spec) {
        if (identity.createUserQuery().userId(spec.id()).count() == 0) {
            createUser(spec.id(), spec.password(), spec.firstName(), spec.lastName(), spec.demo() ? spec.id() + DEMO_MARK : null);
            LOG.info("Created {}user '{}' in groups {}", spec.demo() ? "demo " : "", spec.id(), spec.groups());
        }
        for (String group : spec.groups()) {
            ensureGroup(group);
            if (identity.createUserQuery().userId(spec.id()).memberOfGroup(group).count() == 0) {
                identity.createMembership(spec.id(), group);
            }
        }
    }

    /**
     * Removes every demo user that this start's configuration does not list as a demo user: those marked when the
     * demo profile created them, and the demo profile's users from before the mark (same id and still the published
     * password demo-&lt;id&gt;, checked against the stored hash, not through a login that would count as a failure).
     */
    private void removeDemoUsersNotConfigured(ProcessEngine engine) {
        Set<String> wanted = security.users().stream().filter(SecurityProperties.UserSpec::demo)
                .map(SecurityProperties.UserSpec::id).collect(Collectors.toSet());
        for (User user : identity.createUserQuery().list()) {
            if (wanted.contains(user.getId()) || user.getId().equals(security.adminUser())) {
                continue;
            }
            boolean marked = user.getEmail() != null && user.getEmail().equals(user.getId() + DEMO_MARK);
            if (marked || isUnmarkedDemoUser(engine, user)) {
                identity.deleteUser(user.getId());
                LOG.warn("Removed demo user '{}': demo users exist only while the demo profile is active", user.getId());
            }
        }
    }

    private static boolean isUnmarkedDemoUser(ProcessEngine engine, User user) {
        if (!UNMARKED_DEMO_IDS.contains(user.getId()) || !(user instanceof UserEntity entity) || entity.getPassword() == null) {
            return false;
        }
        var passwords = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getPasswordManager();
        return passwords.check(EncryptionUtil.saltPassword("demo-" + user.getId(), entity.getSalt()), entity.getPassword());
    }

    private void createUser(String id, String password, String firstName, String lastName, String email) {
        if (password == null || password.isBlank()) {
            throw new IllegalStateException("User '" + id + "' has no password configured");
        }
        User user = identity.newUser(id);
        user.setPassword(password);
        user.setFirstName(firstName == null ? id : firstName);
        user.setLastName(lastName == null ? "" : lastName);
        user.setEmail(email);
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
