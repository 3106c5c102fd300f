package com.slm.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static com.slm.domain.ProcessVariables.AUTO_CONVERGE;
import static com.slm.domain.ProcessVariables.BANDWIDTH_MIBPS;
import static com.slm.domain.ProcessVariables.BLACKOUT_MODE;
import static com.slm.domain.ProcessVariables.MAX_DOWNTIME_MS;
import static com.slm.domain.ProcessVariables.REASON;
import static com.slm.domain.ProcessVariables.SOURCE_ENVIRONMENT;
import static com.slm.domain.ProcessVariables.SOURCE_HOST;
import static com.slm.domain.ProcessVariables.TARGET_ENVIRONMENT;
import static com.slm.domain.ProcessVariables.TARGET_HOST;
import static com.slm.domain.ProcessVariables.VM_NAME;

/**
 * The rules a migration request must satisfy before anything happens, checked at the edge (REST filter, start
 * listener) with one set of rules. Returns every problem at once, so an operator fixes the form in one go.
 */
public final class MigrationRequestValidator {

    /** What libvirt accepts in a domain name, and what we accept for environment and host names. */
    public static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$");

    /** What the validator needs to know of the world: environments, their hosts, and the bounds. */
    public interface Catalogue {
        boolean environmentExists(String environment);

        boolean hostExists(String environment, String host);

        boolean isTrusted(String environment);

        Set<String> environments();

        int maxReasonLength();

        int maxBandwidthMiBps();

        int maxDowntimeMs();

        /** The subnets (CIDR) of an environment; for evacuations, which move a subnet as a whole. */
        default List<String> subnets(String environment) {
            return List.of();
        }

        /** Every known VM and its address; for evacuations, which move the VMs of a subnet. */
        default Map<String, String> vmAddresses() {
            return Map.of();
        }
    }

    /** The fields of a request (the start form's variables): a start carries these and nothing else. */
    public static final Set<String> FIELDS = ProcessVariables.START_VARIABLES;

    final Catalogue catalogue;

    public MigrationRequestValidator(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** The problems with these start variables (empty when the request is valid). */
    public List<String> problems(Map<String, Object> variables) {
        List<String> problems = new ArrayList<>();
        variables.keySet().stream().filter(key -> !FIELDS.contains(key)).sorted().forEach(key -> problems.add(
                "Unknown variable '" + abbreviate(key) + "': a migration request has only " + new TreeSet<>(FIELDS)));
        name(variables, VM_NAME, "VM name", problems);
        String sourceEnv = name(variables, SOURCE_ENVIRONMENT, "Source environment", problems);
        String sourceHost = name(variables, SOURCE_HOST, "Source host", problems);
        String targetEnv = name(variables, TARGET_ENVIRONMENT, "Target environment", problems);
        String targetHost = name(variables, TARGET_HOST, "Target host", problems);
        environmentAndHost(sourceEnv, sourceHost, "Source", problems);
        environmentAndHost(targetEnv, targetHost, "Target", problems);
        sharedProblems(variables, sourceEnv, targetEnv, problems);
        return problems;
    }

    /**
     * The rules a single migration and an evacuation share: the environments (source trusted, target different),
     * the reason and the migration options. One place, so a batch never accepts what a single request would not.
     */
    void sharedProblems(Map<String, Object> variables, String sourceEnv, String targetEnv, List<String> problems) {
        if (sourceEnv != null && sourceEnv.equals(targetEnv)) {
            problems.add("Target environment must differ from the source environment ('" + sourceEnv + "')");
        }
        if (sourceEnv != null && catalogue.environmentExists(sourceEnv) && !catalogue.isTrusted(sourceEnv)) {
            problems.add("Source environment '" + sourceEnv + "' is not a secure (trusted) environment");
        }
        Object reason = variables.get(REASON);
        if (!(reason instanceof String text) || text.isBlank()) {
            problems.add("Reason is required");
        } else if (text.length() > catalogue.maxReasonLength()) {
            problems.add("Reason is too long: " + text.length() + " characters, at most " + catalogue.maxReasonLength());
        }
        bounded(variables, BANDWIDTH_MIBPS, "Bandwidth limit (MiB/s)", catalogue.maxBandwidthMiBps(), problems);
        bounded(variables, MAX_DOWNTIME_MS, "Maximum downtime (ms)", catalogue.maxDowntimeMs(), problems);
        flag(variables, AUTO_CONVERGE, problems);
        Object mode = variables.get(BLACKOUT_MODE);
        if (mode != null && !(mode instanceof String s && BlackoutMode.of(s).isPresent())) {
            problems.add("Blackout mode must be 'strict' or 'minimal', got '" + abbreviate(String.valueOf(mode)) + "'");
        }
    }

    String name(Map<String, Object> variables, String key, String label, List<String> problems) {
        Object value = variables.get(key);
        if (value == null || (value instanceof String s && s.isBlank())) {
            problems.add(label + " is required");
            return null;
        }
        if (!(value instanceof String s) || !NAME.matcher(s).matches()) {
            problems.add(label + " '" + abbreviate(String.valueOf(value)) + "' is not a valid name: "
                    + "1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
            return null;
        }
        return s;
    }

    void environmentAndHost(String environment, String host, String side, List<String> problems) {
        if (environment == null) {
            return;
        }
        if (!catalogue.environmentExists(environment)) {
            problems.add(side + " environment '" + environment + "' is unknown; known: " + catalogue.environments());
        } else if (host != null && !catalogue.hostExists(environment, host)) {
            problems.add(side + " host '" + host + "' is not a host of environment '" + environment + "'");
        }
    }

    static void bounded(Map<String, Object> variables, String key, String label, int max, List<String> problems) {
        Object value = variables.get(key);
        if (value == null || (value instanceof String s && s.isBlank())) {
            return;
        }
        Long number = asLong(value);
        if (number == null) {
            problems.add(label + " must be a whole number, got '" + abbreviate(String.valueOf(value)) + "'");
        } else if (number < 1 || number > max) {
            problems.add(label + " must be between 1 and " + max + ", got " + number);
        }
    }

    private static void flag(Map<String, Object> variables, String key, List<String> problems) {
        Object value = variables.get(key);
        if (value != null && !(value instanceof Boolean)) {
            problems.add("'" + key + "' must be true or false");
        }
    }

    /** Integers arrive as Integer, Long or Double (forms send numbers as JSON numbers). */
    public static Long asLong(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return d.longValue();
        }
        return null;
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
