package com.slm.domain;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static com.slm.domain.MigrationRequestValidator.*;
import static com.slm.domain.ProcessVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

class MigrationRequestValidatorTest {
    /** secure (trusted: site-a) and remote (untrusted: site-b); reason at most 20, bandwidth 1000, downtime 5000. */
    private static final MigrationRequestValidator VALIDATOR = new MigrationRequestValidator(new Catalogue() {
        private final Map<String, Set<String>> hosts = Map.of("secure", Set.of("site-a"), "remote", Set.of("site-b"));

        @Override
        public boolean environmentExists(String environment) {
            return hosts.containsKey(environment);
        }

        @Override
        public boolean hostExists(String environment, String host) {
            return hosts.getOrDefault(environment, Set.of()).contains(host);
        }

        @Override
        public boolean isTrusted(String environment) {
            return "secure".equals(environment);
        }

        @Override
        public Set<String> environments() {
            return new TreeSet<>(hosts.keySet());
        }

        @Override
        public int maxReasonLength() {
            return 20;
        }

        @Override
        public int maxBandwidthMiBps() {
            return 1000;
        }

        @Override
        public int maxDowntimeMs() {
            return 5000;
        }
    });

    private static Map<String, Object> valid() {
        Map<String, Object> request = new HashMap<>();
        request.put(VM_NAME, "app");
        request.put(SOURCE_ENVIRONMENT, "secure");
        request.put(SOURCE_HOST, "site-a");
        request.put(TARGET_ENVIRONMENT, "remote");
        request.put(TARGET_HOST, "site-b");
        request.put(REASON, "maintenance");
        request.put(BANDWIDTH_MIBPS, 100);
        request.put(MAX_DOWNTIME_MS, 300.0);
        request.put(AUTO_CONVERGE, true);
        request.put(BLACKOUT_MODE, "minimal");
        return request;
    }

    private static List<String> problems(String key, Object value) {
        Map<String, Object> request = valid();
        request.put(key, value);
        return VALIDATOR.problems(request);
    }

    @Test
    void aCompleteRequestHasNoProblemAndOptionalFieldsMayBeLeftOut() {
        assertThat(VALIDATOR.problems(valid())).isEmpty();
        Map<String, Object> minimal = valid();
        List.of(BANDWIDTH_MIBPS, MAX_DOWNTIME_MS, AUTO_CONVERGE, BLACKOUT_MODE).forEach(minimal::remove);
        assertThat(VALIDATOR.problems(minimal)).isEmpty();
    }

    @Test
    void everyRequiredFieldIsNamedWhenMissingAllAtOnce() {
        assertThat(VALIDATOR.problems(Map.of())).containsExactlyInAnyOrder("VM name is required",
                "Source environment is required", "Source host is required", "Target environment is required",
                "Target host is required", "Reason is required");
    }

    @Test
    void unknownVariablesAreRefusedByName() {
        assertThat(problems(APPROVAL_DECISION, "approve")).singleElement().asString()
                .startsWith("Unknown variable 'approvalDecision'").contains(VM_NAME).contains(BLACKOUT_MODE);
    }

    @Test
    void namesMustBeLibvirtLikeIdentifiers() {
        assertThat(problems(VM_NAME, "app; rm -rf /")).singleElement().asString()
                .contains("VM name 'app; rm -rf /' is not a valid name");
        assertThat(problems(VM_NAME, "-app")).hasSize(1);
        assertThat(problems(VM_NAME, "a".repeat(65))).singleElement().asString().contains("...");
        assertThat(problems(VM_NAME, 42)).singleElement().asString().contains("VM name '42' is not a valid name");
        assertThat(problems(VM_NAME, "a".repeat(64))).isEmpty();
        assertThat(problems(VM_NAME, " ")).containsExactly("VM name is required");
    }

    @Test
    void environmentsAndHostsMustBeKnownAndTheSourceTrusted() {
        assertThat(problems(TARGET_ENVIRONMENT, "moon")).containsExactly(
                "Target environment 'moon' is unknown; known: [remote, secure]");
        assertThat(problems(SOURCE_HOST, "site-b")).containsExactly(
                "Source host 'site-b' is not a host of environment 'secure'");

        Map<String, Object> backwards = valid();
        backwards.put(SOURCE_ENVIRONMENT, "remote");
        backwards.put(SOURCE_HOST, "site-b");
        backwards.put(TARGET_ENVIRONMENT, "secure");
        backwards.put(TARGET_HOST, "site-a");
        assertThat(VALIDATOR.problems(backwards)).containsExactly(
                "Source environment 'remote' is not a secure (trusted) environment");

        Map<String, Object> same = valid();
        same.put(TARGET_ENVIRONMENT, "secure");
        same.put(TARGET_HOST, "site-a");
        assertThat(VALIDATOR.problems(same)).containsExactly(
                "Target environment must differ from the source environment ('secure')");
    }

    @Test
    void reasonIsRequiredAndBounded() {
        assertThat(problems(REASON, "  ")).containsExactly("Reason is required");
        assertThat(problems(REASON, 7)).containsExactly("Reason is required");
        assertThat(problems(REASON, "x".repeat(20))).isEmpty();
        assertThat(problems(REASON, "x".repeat(21))).containsExactly("Reason is too long: 21 characters, at most 20");
    }

    @Test
    void numbersAreWholeAndWithinTheirBounds() {
        assertThat(problems(BANDWIDTH_MIBPS, 0)).containsExactly("Bandwidth limit (MiB/s) must be between 1 and 1000, got 0");
        assertThat(problems(BANDWIDTH_MIBPS, 1001L)).containsExactly("Bandwidth limit (MiB/s) must be between 1 and 1000, got 1001");
        assertThat(problems(BANDWIDTH_MIBPS, 1000)).isEmpty();
        assertThat(problems(BANDWIDTH_MIBPS, 2.5)).containsExactly("Bandwidth limit (MiB/s) must be a whole number, got '2.5'");
        assertThat(problems(MAX_DOWNTIME_MS, "300")).containsExactly("Maximum downtime (ms) must be a whole number, got '300'");
        assertThat(problems(MAX_DOWNTIME_MS, 5001.0)).containsExactly("Maximum downtime (ms) must be between 1 and 5000, got 5001");
        assertThat(problems(MAX_DOWNTIME_MS, "")).isEmpty();
        assertThat(asLong(Double.POSITIVE_INFINITY)).isNull();
        assertThat(asLong((short) 3)).isEqualTo(3L);
    }

    @Test
    void flagsAreBooleans() {
        assertThat(problems(AUTO_CONVERGE, "true")).containsExactly("'autoConverge' must be true or false");
    }

    @Test
    void blackoutModeIsStrictOrMinimal() {
        assertThat(problems(BLACKOUT_MODE, "strict")).isEmpty();
        assertThat(problems(BLACKOUT_MODE, "minimal")).isEmpty();
        assertThat(problems(BLACKOUT_MODE, "fast")).containsExactly("Blackout mode must be 'strict' or 'minimal', got 'fast'");
        assertThat(problems(BLACKOUT_MODE, true)).containsExactly("Blackout mode must be 'strict' or 'minimal', got 'true'");
    }
}
