package com.slm.security;

import com.slm.SlmApplication;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Demo users exist only while the demo profile is active: a start without it, on the same database, removes
 * them, and never a real user (not even one with a demo user's id).
 */
class DemoUsersTest {
    private static final List<String> DEMO_IDS = List.of("operator", "approver", "auditor", "lead");

    @TempDir
    Path dataDir;

    @Test
    void aStartWithoutTheDemoProfileRemovesTheDemoUsersAndKeepsRealOnes() {
        try (ConfigurableApplicationContext demo = start("demo")) {
            IdentityService identity = demo.getBean(IdentityService.class);
            for (String id : DEMO_IDS) {
                assertThat(identity.checkPassword(id, "demo-" + id)).as(id).isTrue();
                assertThat(identity.createUserQuery().userId(id).singleResult().getEmail()).isEqualTo(id + "@demo-user.slm.invalid");
            }
            saveUser(identity, "alice", "a real password");
        }
        try (ConfigurableApplicationContext production = start()) {
            IdentityService identity = production.getBean(IdentityService.class);
            assertThat(ids(identity)).doesNotContainAnyElementsOf(DEMO_IDS).contains("admin", "alice");
            assertThat(identity.createUserQuery().memberOfGroup("migration-operators").count()).isZero();
        }
        try (ConfigurableApplicationContext demoAgain = start("demo")) {
            assertThat(demoAgain.getBean(IdentityService.class).checkPassword("lead", "demo-lead"))
                    .as("the demo profile brings them back").isTrue();
        }
    }

    @Test
    void demoUsersFromBeforeTheMarkAreRecognisedByTheirPublishedPasswordOnly() {
        try (ConfigurableApplicationContext older = start()) {
            IdentityService identity = older.getBean(IdentityService.class);
            saveUser(identity, "operator", "demo-operator");   // as the demo profile made it before users were marked
            saveUser(identity, "approver", "a real password"); // a real user who happens to have a demo user's id
        }
        try (ConfigurableApplicationContext production = start()) {
            IdentityService identity = production.getBean(IdentityService.class);
            assertThat(ids(identity)).doesNotContain("operator").contains("approver", "admin");
            assertThat(identity.checkPassword("approver", "a real password")).isTrue();
        }
    }

    @Test
    void aRealUserConfiguredWithADemoUsersIdReplacesTheLeftOverDemoAccount() {
        try (ConfigurableApplicationContext demo = start("demo")) {
            assertThat(demo.getBean(IdentityService.class).checkPassword("auditor", "demo-auditor")).isTrue();
        }
        try (ConfigurableApplicationContext production = start(List.of(
                "--slm.security.users[0].id=auditor", "--slm.security.users[0].password=the real one",
                "--slm.security.users[0].groups[0]=auditors"))) {
            IdentityService identity = production.getBean(IdentityService.class);
            assertThat(identity.checkPassword("auditor", "demo-auditor")).as("the demo password is gone").isFalse();
            assertThat(identity.checkPassword("auditor", "the real one")).isTrue();
            assertThat(identity.createUserQuery().userId("auditor").singleResult().getEmail()).isNull();
        }
    }

    private ConfigurableApplicationContext start(List<String> extra) {
        return start(extra, new String[0]);
    }

    private ConfigurableApplicationContext start(String... profiles) {
        return start(List.of(), profiles);
    }

    private ConfigurableApplicationContext start(List<String> extra, String... profiles) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("slm") + ";DB_CLOSE_ON_EXIT=FALSE",
                "--camunda.bpm.job-execution.enabled=false",
                "--camunda.bpm.process-engine-name=demo-users",
                "--server.port=0",
                "--slm.security.admin-password-file=" + dataDir.resolve("admin-password")));
        if (profiles.length > 0) {
            args.add("--spring.profiles.active=" + String.join(",", profiles));
        }
        args.addAll(extra);
        return new SpringApplicationBuilder(SlmApplication.class).run(args.toArray(String[]::new));
    }

    private static void saveUser(IdentityService identity, String id, String password) {
        User user = identity.newUser(id);
        user.setPassword(password);
        user.setFirstName(id);
        user.setLastName("Real");
        identity.saveUser(user);
    }

    private static List<String> ids(IdentityService identity) {
        return identity.createUserQuery().list().stream().map(User::getId).toList();
    }
}
