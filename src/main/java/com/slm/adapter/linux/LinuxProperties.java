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
 * @param guard       the fail-closed guard: per environment the network namespace of its IPsec host (an empty
 *                    name is the host's own namespace), and how the host does IPsec
 * @param steering    the minimal-blackout mode's switch-over: per environment the hook that steers a moved VM's
 *                    traffic, and the network namespace of the IPsec host it runs on
 * @param commandTimeout longest wait for one command (ss, ip, nft)
 */
@ConfigurationProperties("slm.linux")
public record LinuxProperties(
        @DefaultValue Connections connections,
        @DefaultValue RoutingCore routingCore,
        @DefaultValue Guard guard,
        @DefaultValue Steering steering,
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

    /**
     * @param hosts        environment to network namespace of its IPsec host ("" for this host's own)
     * @param mode         {@code kernel-esp} (XFRM marks; real hosts) or {@code tun-interface} (kernel-libipsec)
     * @param tunInterface the TUN device of kernel-libipsec
     */
    public record Guard(Map<String, String> hosts, @DefaultValue("kernel-esp") String mode,
                        @DefaultValue("ipsec0") String tunInterface) {
        public Guard {
            hosts = hosts == null ? Map.of() : Map.copyOf(hosts);
            if (!"kernel-esp".equals(mode) && !"tun-interface".equals(mode)) {
                throw new IllegalArgumentException("slm.linux.guard.mode must be kernel-esp or tun-interface, not " + mode);
            }
        }
    }

    /**
     * @param hooks environment to the executable called as {@code HOOK hold|steer|release ADDRESS}
     * @param hosts environment to the network namespace of its IPsec host ("" or absent: this host's own)
     */
    public record Steering(Map<String, String> hooks, Map<String, String> hosts) {
        public Steering {
            hooks = hooks == null ? Map.of() : Map.copyOf(hooks);
            hosts = hosts == null ? Map.of() : Map.copyOf(hosts);
        }
    }

    /** The next hop (gateway) or the device of a learned route. */
    public record LearnedVia(String gateway, String device) {
    }
}
