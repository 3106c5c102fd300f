package com.slm.adapter.strongswan;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code childSas} in {@code /actuator/health} (and the group {@code sas}): the CHILD_SAs the product keeps up for the
 * VMs and subnets it moved ({@code slm_ipsec_child}), as the {@link SaWatchdog} last saw them; no call to charon here.
 * DOWN names each CHILD_SA that was not INSTALLED on both gateways and the environment that lacked it. DOWN too when
 * the watchdog has not finished a pass for longer than {@code staleAfter} (it hangs on a gateway, or stopped): an old
 * "all installed" proves nothing. UNKNOWN only between the start and the watchdog's first pass.
 */
class ChildSasHealthIndicator implements HealthIndicator {
    private final ChildSaObservations observations;
    private final Clock clock;
    private final Duration staleAfter;

    ChildSasHealthIndicator(ChildSaObservations observations, Clock clock, Duration staleAfter) {
        this.observations = observations;
        this.clock = clock;
        this.staleAfter = staleAfter;
    }

    @Override
    public Health health() {
        ChildSaObservations.Snapshot seen = observations.snapshot();
        Instant now = clock.instant();
        if (seen.lastPass() == null) {
            Duration waiting = Duration.between(seen.watchingSince(), now);
            Health.Builder health = waiting.compareTo(staleAfter) > 0 ? Health.down() : Health.unknown();
            return health.withDetail("watchdog", "no pass finished since the product started " + seconds(waiting) + " ago").build();
        }
        Duration age = Duration.between(seen.lastPass(), now);
        boolean stale = age.compareTo(staleAfter) > 0;
        List<String> down = seen.children().stream().filter(c -> c.checked() && !c.installedOnBoth())
                .map(c -> "CHILD_SA " + c.name() + " not INSTALLED on " + String.join(" and ", c.missingOn()) + " since " + c.since())
                .toList();
        Health.Builder health = down.isEmpty() && !stale ? Health.up() : Health.down();
        health.withDetail("watchdog", "last pass finished " + seconds(age) + " ago"
                + (stale ? ", longer than " + seconds(staleAfter) + ": what it saw is out of date" : ""));
        if (!down.isEmpty()) {
            health.withDetail("down", down);
        }
        Map<String, Object> children = new LinkedHashMap<>();
        seen.children().forEach(c -> children.put(c.name(), describe(c)));
        return health.withDetail("children", children).build();
    }

    private static Map<String, Object> describe(ChildSaObservations.Child c) {
        Map<String, Object> described = new LinkedHashMap<>();
        if (!c.checked()) {
            // kept a moment ago: the step that brings it up holds its connection, the next pass looks at it
            described.put("status", "NOT_CHECKED_YET");
            return described;
        }
        described.put("status", c.installedOnBoth() ? "UP" : "DOWN");
        if (!c.installedOnBoth()) {
            described.put("notInstalledOn", c.missingOn());
        }
        described.put("since", c.since().toString());
        putIfSeen(described, "lastSeenUp", c.lastSeenUp());
        putIfSeen(described, "lastSeenDown", c.lastSeenDown());
        described.put("lastChecked", c.checkedAt().toString());
        described.put("recoveries", c.recoveries());
        return described;
    }

    private static void putIfSeen(Map<String, Object> described, String key, Instant at) {
        if (at != null) {
            described.put(key, at.toString());
        }
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() / 1000 + " s";
    }
}
