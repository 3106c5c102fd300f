package com.slm.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slm.process.fixtures.TestProfiles;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.ActiveProfiles;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The profile json-logs: one JSON object per line, the step's context as fields of their own. */
@ExtendWith(OutputCaptureExtension.class)
@ActiveProfiles(resolver = JsonLogsProcessTest.WithJsonLogs.class, inheritProfiles = false)
class JsonLogsProcessTest extends ProcessTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The process tests' profiles, plus json-logs. */
    public static class WithJsonLogs extends TestProfiles {
        @Override
        public String[] resolve(Class<?> testClass) {
            List<String> profiles = new ArrayList<>(List.of(super.resolve(testClass)));
            profiles.add("json-logs");
            return profiles.toArray(String[]::new);
        }
    }

    @Test
    void aStepLineIsJsonWithProcessInstanceVmAndBlockAsFields(CapturedOutput output) {
        ProcessInstance instance = approvedMigration("app");
        runDueJobs(instance);

        JsonNode line = jsonLines(output).stream()
                .filter(l -> l.path("message").asText().equals("Block 320 (disable communication) done"))
                .findFirst().orElseThrow(() -> new AssertionError("no JSON line of block 320 in:\n" + output.getAll()));
        assertThat(line.path("processInstanceId").asText()).isEqualTo(instance.getId());
        assertThat(line.path("vm").asText()).isEqualTo("app");
        assertThat(line.path("block").asText()).isEqualTo("Block320_DisableCommunication");
        assertThat(line.path("log").path("logger").asText()).isEqualTo(BlockVmTrafficDelegate.class.getName());
    }

    private static List<JsonNode> jsonLines(CapturedOutput output) {
        List<JsonNode> lines = new ArrayList<>();
        for (String text : output.getAll().lines().filter(l -> l.startsWith("{")).toList()) {
            try {
                lines.add(JSON.readTree(text));
            } catch (JsonProcessingException e) {
                throw new AssertionError("not a JSON line: " + text, e);
            }
        }
        return lines;
    }
}
