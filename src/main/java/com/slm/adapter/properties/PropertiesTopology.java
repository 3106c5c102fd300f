package com.slm.adapter.properties;

import com.slm.domain.HostEndpoints;
import com.slm.domain.HostRef;
import com.slm.port.Topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** The {@link Topology} port from configuration ({@code slm.environments}, {@code slm.vms}): look-ups only. */
public class PropertiesTopology implements Topology {
    private final TopologyProperties properties;

    public PropertiesTopology(TopologyProperties properties) {
        this.properties = properties;
    }

    @Override
    public SortedSet<String> environments() {
        return new TreeSet<>(properties.environments().keySet());
    }

    @Override
    public boolean isTrusted(String environment) {
        return environment(environment).map(TopologyProperties.Environment::trusted).orElse(false);
    }

    @Override
    public List<String> subnets(String environment) {
        return environment(environment).map(TopologyProperties.Environment::subnets).orElse(List.of());
    }

    @Override
    public List<String> guardedNetworks(String environment) {
        return environment(environment).map(e -> {
            List<String> networks = new ArrayList<>(e.subnets());
            networks.addAll(e.reachableNetworks());
            return List.copyOf(networks);
        }).orElse(List.of());
    }

    @Override
    public List<HostRef> hosts() {
        return properties.environments().entrySet().stream()
                .flatMap(e -> e.getValue().hosts().keySet().stream().map(host -> new HostRef(e.getKey(), host)))
                .sorted(Comparator.comparing(HostRef::environment).thenComparing(HostRef::host))
                .toList();
    }

    @Override
    public Optional<HostEndpoints> host(HostRef host) {
        return environment(host.environment()).map(e -> e.hosts().get(host.host()));
    }

    @Override
    public Map<String, String> vmAddresses() {
        Map<String, String> addresses = new TreeMap<>();
        properties.vms().forEach((name, vm) -> {
            if (vm != null && vm.address() != null) {
                addresses.put(name, vm.address());
            }
        });
        return addresses;
    }

    private Optional<TopologyProperties.Environment> environment(String name) {
        return Optional.ofNullable(name == null ? null : properties.environments().get(name));
    }
}
