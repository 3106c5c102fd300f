package com.slm.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything the product knows about its world, from {@code application.yaml} (prefix {@code slm}).
 * Adapters keep their own settings under {@code slm.libvirt}, {@code slm.strongswan} and {@code slm.linux}.
 */
@ConfigurationProperties("slm")
public record SlmProperties(
        @DefaultValue Adapters adapters,
        @DefaultValue Timers timers,
        @DefaultValue Limits limits,
        @DefaultValue Connections connections,
        Map<String, Environment> environments,
        Map<String, Vm> vms) {

    public SlmProperties {
        environments = environments == null ? Map.of() : Map.copyOf(environments);
        vms = vms == null ? Map.of() : Map.copyOf(vms);
    }

    /** Which adapter serves each port: {@code none} until one is configured. */
    public record Adapters(
            @DefaultValue("none") String hypervisor,
            @DefaultValue("none") String ipsec,
            @DefaultValue("none") String connections,
            @DefaultValue("none") String routingCore) {
    }

    /**
     * ISO-8601 durations used by the model's timers, and the retry cycles of its service tasks (before the VM
     * runs at the target a failure on the last attempt rolls back; after it, it becomes an incident).
     */
    public record Timers(
            @DefaultValue("P2D") Duration approvalTimeout,
            @DefaultValue("PT2S") Duration migrationPoll,
            @DefaultValue("PT5S") Duration routingCorePoll,
            @DefaultValue("PT30M") Duration routingCoreGiveUp,
            @DefaultValue("R3/PT10S") String retryBeforeTarget,
            @DefaultValue("PT1S,PT3S,PT10S,PT30S,PT1M") String retryAfterTarget) {
    }

    /** Bounds for what an operator may ask for. */
    public record Limits(
            @DefaultValue("500") int maxReasonLength,
            @DefaultValue("100000") int maxBandwidthMiBps,
            @DefaultValue("600000") int maxDowntimeMs) {
    }

    /**
     * How blocks 360-365 treat non-managed connections.
     *
     * @param tlsPorts             ports whose sessions are TLS-protected (secure even without an SA)
     * @param extendPolicyToPeers  whether block 365 may widen the VM's IPsec policy to a peer outside the secure
     *                             subnets; when false, such a peer cannot be secured and the step stops with an
     *                             incident while the VM's links are still down
     */
    public record Connections(
            @DefaultValue({"443", "636", "993", "16514"}) List<Integer> tlsPorts,
            @DefaultValue("true") boolean extendPolicyToPeers) {
    }

    /** A virtualized environment: the secure one ({@code trusted}) or a possible target. */
    public record Environment(
            String displayName,
            @DefaultValue("false") boolean trusted,
            List<String> subnets,
            Map<String, Host> hosts,
            List<String> reachableNetworks) {

        public Environment {
            subnets = subnets == null ? List.of() : List.copyOf(subnets);
            reachableNetworks = reachableNetworks == null ? List.of() : List.copyOf(reachableNetworks);
            hosts = hosts == null ? Map.of() : Map.copyOf(hosts);
        }
    }

    /**
     * A hypervisor host of an environment.
     *
     * @param libvirtUri   how the product connects to this host's libvirtd
     * @param peerUri      how the other site's libvirtd reaches this one for a peer-to-peer migration
     *                     (defaults to {@code libvirtUri})
     * @param migrationUri where QEMU's migration stream goes ({@code tls://...} or {@code tcp://...}); always
     *                     explicit, or the target advertises a host name that resolves to itself
     */
    public record Host(String libvirtUri, String peerUri, String migrationUri) {
        public Host {
            if (peerUri == null || peerUri.isBlank()) {
                peerUri = libvirtUri;
            }
        }
    }

    /** A VM the product may migrate, with the address its peers know it by. */
    public record Vm(String address) {
    }
}
