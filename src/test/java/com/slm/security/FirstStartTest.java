package com.slm.security;

import com.slm.SlmApplication;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What happens at the first start and at every start after it, on one H2 file: the model and its forms are
 * deployed once, together; the admin gets a generated password, written once to an owner-only file (never to the
 * console or the log), and it works.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirstStartTest {

    @TempDir
    Path dataDir;

    @Test
    void deploysOnceAndWritesTheGeneratedAdminPasswordOnceToAnOwnerOnlyFile(CapturedOutput output) throws Exception {
        String password;
        List<String> resources;
        long deployments;
        try (ConfigurableApplicationContext first = start()) {
            RepositoryService repository = first.getBean(RepositoryService.class);
            deployments = repository.createDeploymentQuery().count();
            Deployment deployment = repository.createDeploymentQuery().orderByDeploymentTime().desc().list().get(0);
            resources = repository.getDeploymentResourceNames(deployment.getId());
            password = generatedPassword();
            assertThat(first.getBean(IdentityService.class).checkPassword("admin", password)).isTrue();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile())))
                .as("readable by its owner only").isEqualTo("rw-------");
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        assertThat(output.getAll()).as("the password is never on the console or in the log").doesNotContain(password)
                .contains(passwordFile().toString());
        try (var stray = Files.list(dataDir)) {
            assertThat(stray.map(p -> p.getFileName().toString())).as("no temporary file left")
                    .noneMatch(name -> name.startsWith(".admin-password-"));
        }
        FileTime written = Files.getLastModifiedTime(passwordFile());
        assertThat(deployments).isEqualTo(1);
        assertThat(resources).anyMatch(r -> r.endsWith("start-migration.form"))
                .anyMatch(r -> r.endsWith("approve-migration.form"));
        assertThat(resources).as("the model and its forms travel in one deployment")
                .anyMatch(r -> r.endsWith("secure-live-migration.bpmn"));

        int printedBefore = output.getAll().length();
        try (ConfigurableApplicationContext second = start()) {
            assertThat(second.getBean(RepositoryService.class).createDeploymentQuery().count())
                    .as("unchanged resources create no new deployment").isEqualTo(1);
            assertThat(second.getBean(IdentityService.class).checkPassword("admin", password)).isTrue();
        }
        assertThat(output.getAll().substring(printedBefore)).doesNotContain("generated password");
        assertThat(Files.getLastModifiedTime(passwordFile())).as("a restart does not write it again").isEqualTo(written);
        assertThat(output.getAll()).doesNotContain(password);
    }

    private ConfigurableApplicationContext start() {
        // Command-line arguments, not builder defaults: application.yaml would override those.
        return new SpringApplicationBuilder(SlmApplication.class).run(
                "--spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("slm") + ";DB_CLOSE_ON_EXIT=FALSE",
                "--camunda.bpm.job-execution.enabled=false",
                // its own engine name: closing it must not unregister the engine of other test contexts
                "--camunda.bpm.process-engine-name=first-start",
                "--server.port=0",
                "--slm.security.admin-password=",
                "--slm.security.admin-password-file=" + passwordFile());
    }

    private Path passwordFile() {
        return dataDir.resolve("admin-password");
    }

    private String generatedPassword() throws Exception {
        assertThat(passwordFile()).as("the generated password is written to its file").exists();
        return Files.readString(passwordFile()).trim();
    }
}
