package com.slm.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * The product's own settings, from {@code application.yaml} (prefix {@code slm}): which adapter serves each port,
 * the model's timers, the request limits and the connection rules. The world it acts on ({@code slm.environments},
 * {@code slm.vms}) is the Topology port's, read by {@code adapter/properties}; adapters keep their own settings under
 * {@code slm.libvirt}, {@code slm.strongswan} and {@code slm.linux}.
 */
@ConfigurationProperties("slm")
public record SlmProperties(
        @DefaultValue Adapters adapters,
        @DefaultValue Timers timers,
        @DefaultValue Limits limits,
        @DefaultValue Connections connections) {

    /** Which adapter serves each port: {@code none} until one is configured. */
    public record Adapters(
            @DefaultValue("none") String hypervisor,
            @DefaultValue("none") String ipsec,
            @DefaultValue("none") String connections,
            @DefaultValue("none") String routingCore,
            @DefaultValue("none") String trafficGuard,
            @DefaultValue("none") String steering) {
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

    /** How blocks 360-365 treat non-managed connections: the use cases get them as {@code application/ConnectionRules}. */
    public record Connections(
            @DefaultValue({"443", "636", "993", "16514"}) List<Integer> tlsPorts,
            @DefaultValue("true") boolean extendPolicyToPeers) {
    }
}
