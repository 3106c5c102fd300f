package com.slm.adapter.properties;

import com.slm.domain.HostEndpoints;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;
import java.util.Map;

/**
 * The product's world as {@code application.yaml} describes it: {@code slm.environments} (the secure environment and
 * the targets, their subnets and hosts) and {@code slm.vms} (the VMs it may migrate, with their addresses).
 */
@ConfigurationProperties("slm")
public record TopologyProperties(Map<String, Environment> environments, Map<String, Vm> vms) {

    public TopologyProperties {
        environments = environments == null ? Map.of() : Map.copyOf(environments);
        vms = vms == null ? Map.of() : Map.copyOf(vms);
    }

    /** A virtualized environment: the secure one ({@code trusted}) or a possible target. */
    public record Environment(
            String displayName,
            @DefaultValue("false") boolean trusted,
            List<String> subnets,
            Map<String, HostEndpoints> hosts,
            List<String> reachableNetworks) {

        public Environment {
            subnets = subnets == null ? List.of() : List.copyOf(subnets);
            reachableNetworks = reachableNetworks == null ? List.of() : List.copyOf(reachableNetworks);
            hosts = hosts == null ? Map.of() : Map.copyOf(hosts);
        }
    }

    /** A VM the product may migrate, with the address its peers know it by. */
    public record Vm(String address) {
    }
}
