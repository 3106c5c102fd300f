package com.slm.config;

import com.slm.domain.HostRef;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Look-ups over the configured environments, so that callers never walk the property maps themselves. */
@Component
public class Environments {
    private final SlmProperties properties;

    public Environments(SlmProperties properties) {
        this.properties = properties;
    }

    public Optional<SlmProperties.Environment> environment(String name) {
        return Optional.ofNullable(name == null ? null : properties.environments().get(name));
    }

    public Optional<SlmProperties.Host> host(HostRef ref) {
        return environment(ref.environment()).map(e -> e.hosts().get(ref.host()));
    }

    /** Every configured hypervisor host, in a stable order (environment, then host). */
    public List<HostRef> hosts() {
        return properties.environments().entrySet().stream()
                .flatMap(e -> e.getValue().hosts().keySet().stream().map(host -> new HostRef(e.getKey(), host)))
                .sorted(Comparator.comparing(HostRef::environment).thenComparing(HostRef::host))
                .toList();
    }

    public boolean isTrusted(String environment) {
        return environment(environment).map(SlmProperties.Environment::trusted).orElse(false);
    }

    public List<String> subnets(String environment) {
        return environment(environment).map(SlmProperties.Environment::subnets).orElse(List.of());
    }

    /** What must never be reached in clear from a VM that left this (secure) environment: its subnets and beyond. */
    public List<String> guardedNetworks(String environment) {
        return environment(environment).map(e -> {
            List<String> networks = new ArrayList<>(e.subnets());
            networks.addAll(e.reachableNetworks());
            return List.copyOf(networks);
        }).orElse(List.of());
    }

    public Optional<String> vmAddress(String vmName) {
        return Optional.ofNullable(properties.vms().get(vmName)).map(SlmProperties.Vm::address);
    }
}
