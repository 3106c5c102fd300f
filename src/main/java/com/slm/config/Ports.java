package com.slm.config;

import com.slm.port.AdapterNotConfiguredException;
import com.slm.port.ConnectionInventory;
import com.slm.port.Hypervisor;
import com.slm.port.IpsecGateway;
import com.slm.port.RoutingCore;
import com.slm.port.TrafficGuard;
import com.slm.port.TrafficSteering;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Hands the configured adapter of each port to the delegates. A port without an adapter is not faked:
 * the step that needs it fails, and its incident names the missing adapter and the setting to make.
 */
@Component
public class Ports {
    private final ObjectProvider<Hypervisor> hypervisor;
    private final ObjectProvider<IpsecGateway> ipsec;
    private final ObjectProvider<ConnectionInventory> connections;
    private final ObjectProvider<RoutingCore> routingCore;
    private final ObjectProvider<TrafficGuard> trafficGuard;
    private final ObjectProvider<TrafficSteering> steering;

    public Ports(ObjectProvider<Hypervisor> hypervisor, ObjectProvider<IpsecGateway> ipsec,
                 ObjectProvider<ConnectionInventory> connections, ObjectProvider<RoutingCore> routingCore,
                 ObjectProvider<TrafficGuard> trafficGuard, ObjectProvider<TrafficSteering> steering) {
        this.hypervisor = hypervisor;
        this.ipsec = ipsec;
        this.connections = connections;
        this.routingCore = routingCore;
        this.trafficGuard = trafficGuard;
        this.steering = steering;
    }

    public Hypervisor hypervisor() {
        return require(hypervisor.getIfAvailable(), "Hypervisor", "slm.adapters.hypervisor=libvirt");
    }

    public IpsecGateway ipsec() {
        return require(ipsec.getIfAvailable(), "IpsecGateway", "slm.adapters.ipsec=strongswan");
    }

    public ConnectionInventory connections() {
        return require(connections.getIfAvailable(), "ConnectionInventory", "slm.adapters.connections=linux");
    }

    public RoutingCore routingCore() {
        return require(routingCore.getIfAvailable(), "RoutingCore", "slm.adapters.routing-core=linux");
    }

    public TrafficGuard trafficGuard() {
        return require(trafficGuard.getIfAvailable(), "TrafficGuard", "slm.adapters.traffic-guard=nftables");
    }

    /** Only the minimal-blackout mode needs it: the patent's order steers with the SAs themselves. */
    public TrafficSteering steering() {
        return require(steering.getIfAvailable(), "TrafficSteering", "slm.adapters.steering=hook");
    }

    private static <T> T require(T adapter, String port, String property) {
        if (adapter == null) {
            throw new AdapterNotConfiguredException(port, property);
        }
        return adapter;
    }
}
