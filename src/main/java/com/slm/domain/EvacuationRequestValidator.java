package com.slm.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static com.slm.domain.MigrationRequestValidator.abbreviate;
import static com.slm.domain.ProcessVariables.*;

/**
 * The rules of an evacuation request (start form {@code startEvacuation}), at the REST edge and in the start
 * listener alike. The environments, the reason and the migration options follow exactly the single migration's
 * rules ({@link MigrationRequestValidator#sharedProblems}); on top, the subnet must be one of the source
 * environment's, every listed VM must be a known VM of that subnet, and the parallelism is bounded.
 */
public final class EvacuationRequestValidator {
    public static final int MAX_PARALLELISM = 8;

    /** The fields of an evacuation request: a start carries these and nothing else. */
    public static final Set<String> FIELDS = ProcessVariables.EVACUATION_START_VARIABLES;

    private final MigrationRequestValidator migrations;

    public EvacuationRequestValidator(MigrationRequestValidator migrations) {
        this.migrations = migrations;
    }

    /** The problems with these start variables (empty when the request is valid). */
    public List<String> problems(Map<String, Object> variables) {
        List<String> problems = new ArrayList<>();
        variables.keySet().stream().filter(key -> !FIELDS.contains(key)).sorted().forEach(key -> problems.add(
                "Unknown variable '" + abbreviate(key) + "': an evacuation request has only " + new TreeSet<>(FIELDS)));
        String sourceEnv = migrations.name(variables, SOURCE_ENVIRONMENT, "Source environment", problems);
        String targetEnv = migrations.name(variables, TARGET_ENVIRONMENT, "Target environment", problems);
        String targetHost = migrations.name(variables, TARGET_HOST, "Target host", problems);
        migrations.environmentAndHost(sourceEnv, null, "Source", problems);
        migrations.environmentAndHost(targetEnv, targetHost, "Target", problems);
        migrations.sharedProblems(variables, sourceEnv, targetEnv, problems);
        MigrationRequestValidator.bounded(variables, PARALLELISM, "Parallelism", MAX_PARALLELISM, problems);
        String subnet = subnet(variables.get(SUBNET), sourceEnv, problems);
        if (subnet != null) {
            vms(variables.get(VM_NAMES), subnet, problems);
        }
        return problems;
    }

    /** The VMs a valid request moves: the listed ones, or every known VM of the subnet; sorted, never empty. */
    public List<String> vms(Map<String, Object> variables) {
        List<String> problems = new ArrayList<>();
        List<String> vms = vms(variables.get(VM_NAMES), (String) variables.get(SUBNET), problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return vms;
    }

    private String subnet(Object value, String sourceEnv, List<String> problems) {
        if (!(value instanceof String subnet) || subnet.isBlank()) {
            problems.add("Subnet is required (CIDR, e.g. 192.0.2.0/26)");
            return null;
        }
        if (sourceEnv == null || !migrations.catalogue.environmentExists(sourceEnv)) {
            return null;
        }
        List<String> known = migrations.catalogue.subnets(sourceEnv);
        if (!known.contains(subnet)) {
            problems.add("Subnet '" + abbreviate(subnet) + "' is not a subnet of environment '" + sourceEnv
                    + "'; known: " + known);
            return null;
        }
        return subnet;
    }

    private List<String> vms(Object value, String subnet, List<String> problems) {
        TreeSet<String> ofSubnet = new TreeSet<>();
        migrations.catalogue.vmAddresses().forEach((vm, address) -> {
            if (address != null && Subnets.contains(subnet, address)) {
                ofSubnet.add(vm);
            }
        });
        if (value == null || (value instanceof String s && s.isBlank())) {
            if (ofSubnet.isEmpty()) {
                problems.add("Subnet " + subnet + " has no known VM (slm.vms.<name>.address): nothing to evacuate");
            }
            return List.copyOf(ofSubnet);
        }
        if (!(value instanceof String list)) {
            problems.add("VM names must be text: names separated by commas");
            return List.of();
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (String name : Arrays.stream(list.split(",")).map(String::trim).toList()) {
            if (!MigrationRequestValidator.NAME.matcher(name).matches()) {
                problems.add("VM name '" + abbreviate(name) + "' is not a valid name");
            } else if (!ofSubnet.contains(name)) {
                problems.add("VM '" + name + "' is not a known VM of subnet " + subnet + "; its VMs: " + ofSubnet);
            } else if (!chosen.add(name)) {
                problems.add("VM '" + name + "' is listed twice");
            }
        }
        return List.copyOf(new TreeSet<>(chosen));
    }
}
