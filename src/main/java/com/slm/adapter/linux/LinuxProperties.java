package com.slm.adapter.linux;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Settings of the Linux adapters ({@code slm.linux}). The adapters name hosts; {@code hosts} says how each is
 * reached (a command prefix such as {@code [ssh, -o, BatchMode=yes, root@gw-a]}); a host without an entry, or an
 * empty name, is the product's own machine.
 *
 * @param hosts       host name to the command prefix that runs a program on it
 * @param connections where the VM's non-managed sessions are observed: hosts per environment
 * @param routingCore the routing core's host and, per target environment, what its route to a moved
 *                    destination goes through once it has learned it
 * @param guard       the fail-closed guard: per environment its IPsec host, and how that host does IPsec
 * @param steering    the minimal-blackout mode's switch-over: per environment the hook that steers a moved VM's
 *                    traffic, and the IPsec host it runs on
 * @param commandTimeout longest wait for one command (ss, ip, nft)
 */
@ConfigurationProperties("slm.linux")
public record LinuxProperties(
        Map<String, List<String>> hosts,
        @DefaultValue Connections connections,
        @DefaultValue RoutingCore routingCore,
        @DefaultValue Guard guard,
        @DefaultValue Steering steering,
        @DefaultValue("PT10S") Duration commandTimeout) {

    public LinuxProperties {
        hosts = hosts == null ? Map.of() : Map.copyOf(hosts);
    }

    /** @param observe environment to the hosts whose sessions are observed (and reset) for it */
    public record Connections(Map<String, List<String>> observe) {
        public Connections {
            observe = observe == null ? Map.of() : Map.copyOf(observe);
        }
    }

    /** @param host the routing core's host (one that sees the core's routing table) */
    public record RoutingCore(String host, Map<String, LearnedVia> learnedVia) {
        public RoutingCore {
            learnedVia = learnedVia == null ? Map.of() : Map.copyOf(learnedVia);
        }
    }

    /**
     * @param hosts        environment to its IPsec host (absent: the product's own machine)
     * @param mode         {@code kernel-esp} (XFRM marks; real hosts) or {@code tun-interface} (kernel-libipsec)
     * @param tunInterface the TUN device of kernel-libipsec
     * @param localInterfaces environment to the interfaces of its IPsec host whose traffic stays inside that
     *                     environment (the VMs' bridges; never an uplink towards the untrusted network): a packet
     *                     that arrives on one of them and leaves on one of them cannot cross the untrusted network,
     *                     so the guard lets it pass (two VMs that moved to the same host talk to each other). Absent:
     *                     none, and the guard also drops such packets
     */
    public record Guard(Map<String, String> hosts, @DefaultValue("kernel-esp") String mode,
                        @DefaultValue("ipsec0") String tunInterface, Map<String, List<String>> localInterfaces) {
        /** An interface name as the kernel takes it (IFNAMSIZ - 1), no wildcard. */
        private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9_.:@+-]{1,15}");

        public Guard {
            hosts = hosts == null ? Map.of() : Map.copyOf(hosts);
            if (!"kernel-esp".equals(mode) && !"tun-interface".equals(mode)) {
                throw new IllegalArgumentException("slm.linux.guard.mode must be kernel-esp or tun-interface, not " + mode);
            }
            localInterfaces = localInterfaces == null ? Map.of() : Map.copyOf(localInterfaces);
            localInterfaces.forEach((environment, names) -> names.forEach(name -> {
                if (!INTERFACE.matcher(name).matches() || name.equals(tunInterface)) {
                    throw new IllegalArgumentException("slm.linux.guard.local-interfaces." + environment + " names '" + name
                            + "': it must be an interface name (up to 15 letters, digits or _.:@+-, no wildcard) and "
                            + "not the IPsec tunnel's");
                }
            }));
        }

        /** The environment's local interfaces, empty when none are configured. */
        public List<String> localInterfaces(String environment) {
            return List.copyOf(localInterfaces.getOrDefault(environment, List.of()));
        }
    }

    /**
     * @param hooks environment to the executable called as {@code HOOK hold|steer|release ADDRESS}
     * @param hosts environment to its IPsec host, where the hook runs (absent: the product's own machine)
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
