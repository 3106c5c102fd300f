package com.slm.config;

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

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What happens at the first start and at every start after it, on one H2 file: the model and its forms are
 * deployed once, together; the admin gets a generated password printed once, and it works.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirstStartTest {

    @TempDir
    Path dataDir;

    @Test
    void deploysOnceAndPrintsTheGeneratedAdminPasswordOnce(CapturedOutput output) {
        String password;
        List<String> resources;
        long deployments;
        try (ConfigurableApplicationContext first = start()) {
            RepositoryService repository = first.getBean(RepositoryService.class);
            deployments = repository.createDeploymentQuery().count();
            Deployment deployment = repository.createDeploymentQuery().orderByDeploymentTime().desc().list().get(0);
            resources = repository.getDeploymentResourceNames(deployment.getId());
            password = generatedPassword(output.getOut());
            assertThat(first.getBean(IdentityService.class).checkPassword("admin", password)).isTrue();
        }
        assertThat(deployments).isEqualTo(1);
        assertThat(resources).anyMatch(r -> r.endsWith("start-migration.form"))
                .anyMatch(r -> r.endsWith("approve-migration.form"));
        assertThat(resources).as("the model and its forms travel in one deployment")
                .anyMatch(r -> r.endsWith("secure-live-migration.bpmn"));

        int printedBefore = output.getOut().length();
        try (ConfigurableApplicationContext second = start()) {
            assertThat(second.getBean(RepositoryService.class).createDeploymentQuery().count())
                    .as("unchanged resources create no new deployment").isEqualTo(1);
            assertThat(second.getBean(IdentityService.class).checkPassword("admin", password)).isTrue();
        }
        assertThat(output.getOut().substring(printedBefore)).doesNotContain("generated password");
    }

    private ConfigurableApplicationContext start() {
        // Command-line arguments, not builder defaults: application.yaml would override those.
        return new SpringApplicationBuilder(SlmApplication.class).run(
                "--spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("slm") + ";DB_CLOSE_ON_EXIT=FALSE",
                "--camunda.bpm.job-execution.enabled=false",
                // its own engine name: closing it must not unregister the engine of other test contexts
                "--camunda.bpm.process-engine-name=first-start",
                "--server.port=0",
                "--slm.security.admin-password=");
    }

    private static String generatedPassword(String out) {
        Matcher m = Pattern.compile("generated password \\(shown once\\):\\s+(\\S+)").matcher(out);
        assertThat(m.find()).as("the generated password is printed").isTrue();
        return m.group(1);
    }
}
