package com.slm.port;

import com.slm.domain.RouteObservation;

/** Blocks 380-385: the secure environment's routing core. */
public interface RoutingCore {

    /**
     * Whether the core now routes the destination (a VM address or a subnet) to the target environment
     * by its own routing configuration, independently of the temporary tunnel.
     */
    RouteObservation routeLearned(String destination, String targetEnvironment);
}
