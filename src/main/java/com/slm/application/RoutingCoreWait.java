package com.slm.application;

import com.slm.domain.RouteObservation;
import com.slm.port.RoutingCore;

import java.time.Duration;
import java.time.Instant;

/**
 * Blocks 380/385: has the routing core learned to reach the moved subnet through the target environment, without the
 * tunnel? Asked again until it has; after the configured give-up time ({@code slm.timers.routing-core-give-up}) the
 * wait ends in an incident at once, while the tunnel keeps carrying the traffic.
 */
public class RoutingCoreWait {
    private final RoutingCore routingCore;
    private final Duration giveUp;

    public RoutingCoreWait(RoutingCore routingCore, Duration giveUp) {
        this.routingCore = routingCore;
        this.giveUp = giveUp;
    }

    /**
     * What the routing core says now, in a wait that began at {@code since}.
     *
     * @throws RoutingCoreGaveUpException when it has no route and the whole window has passed
     */
    public RouteObservation check(String destination, String targetEnvironment, Instant since, Instant now) {
        RouteObservation route = routingCore.routeLearned(destination, targetEnvironment);
        if (!route.learned() && since.plus(giveUp).isBefore(now)) {
            throw new RoutingCoreGaveUpException("the routing core has not learned a route to " + destination
                    + " through " + targetEnvironment + " within " + giveUp + " (" + route.detail() + ")");
        }
        return route;
    }
}
