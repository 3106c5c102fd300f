package com.slm.adapter.linux;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Settings of the Linux adapters ({@code slm.linux}).
 *
 * @param connections where the VM's non-managed sessions are observed: network namespaces per environment
 *                    (an empty name is the host's own namespace)
 * @param routingCore the routing core's namespace and, per target environment, what its route to a moved
 *                    destination goes through once it has learned it
 * @param commandTimeout longest wait for one command (ss, ip)
 */
@ConfigurationProperties("slm.linux")
public record LinuxProperties(
        @DefaultValue Connections connections,
        @DefaultValue RoutingCore routingCore,
        @DefaultValue("PT10S") Duration commandTimeout) {

    public record Connections(Map<String, List<String>> observationNamespaces) {
        public Connections {
            observationNamespaces = observationNamespaces == null ? Map.of() : Map.copyOf(observationNamespaces);
        }
    }

    public record RoutingCore(String namespace, Map<String, LearnedVia> learnedVia) {
        public RoutingCore {
            learnedVia = learnedVia == null ? Map.of() : Map.copyOf(learnedVia);
        }
    }

    /** The next hop (gateway) or the device of a learned route. */
    public record LearnedVia(String gateway, String device) {
    }
}
