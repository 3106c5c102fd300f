package com.slm.bench;

import com.slm.domain.CleartextGuard;
import com.slm.domain.ObservedConnection;
import com.slm.domain.RouteObservation;
import com.slm.port.ConnectionInventory;
import com.slm.port.RoutingCore;
import com.slm.port.TrafficGuard;

import java.util.List;

/**
 * The three small ports around a migration, instant and stateless: a fail-closed guard that stands as soon as it
 * is asked for, VMs without non-managed connections (blocks 360-365 are skipped), a routing core that has learned
 * every route.
 */
final class InstantSurroundings implements TrafficGuard, ConnectionInventory, RoutingCore {
    private final PortCalls calls;

    InstantSurroundings(PortCalls calls) {
        this.calls = calls;
    }

    @Override
    public void install(String environment, CleartextGuard guard) {
        calls.record("installGuard", environment + ":" + guard.name());
    }

    @Override
    public void remove(String environment, String guardName) {
        calls.record("removeGuard", environment + ":" + guardName);
    }

    @Override
    public boolean isInstalled(String environment, String guardName) {
        return true;
    }

    @Override
    public List<ObservedConnection> connectionsOf(String vmName, String vmAddress) {
        return List.of();
    }

    @Override
    public boolean reset(String vmName, ObservedConnection connection) {
        calls.record("reset", vmName + " " + connection);
        return true;
    }

    @Override
    public RouteObservation routeLearned(String destination, String targetEnvironment) {
        return new RouteObservation(true, destination + " via " + targetEnvironment + " (instant double)");
    }
}
