package com.slm.config;

import com.slm.port.AdapterNotConfiguredException;
import com.slm.port.ConnectionInventory;
import com.slm.port.Hypervisor;
import com.slm.port.IpsecGateway;
import com.slm.port.RoutingCore;
import com.slm.port.TrafficGuard;
import com.slm.port.TrafficSteering;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import java.lang.reflect.Proxy;

/**
 * A port whose adapter is not configured ({@code slm.adapters.*: none}, the default) still has a bean, so every step
 * receives its ports by constructor: one whose every call throws {@link AdapterNotConfiguredException}, and the step
 * that needs it stops with an incident naming the missing adapter and the setting to make. Nothing is faked.
 * <p>
 * Registered as an auto-configuration (META-INF/spring/...AutoConfiguration.imports): those are processed after the
 * application's own configuration, the adapters' and a test's doubles, so {@link ConditionalOnMissingBean} sees them.
 */
@AutoConfiguration
public class NotConfiguredAdapters {

    @Bean
    @ConditionalOnMissingBean
    Hypervisor notConfiguredHypervisor() {
        return notConfigured(Hypervisor.class, "slm.adapters.hypervisor=libvirt");
    }

    @Bean
    @ConditionalOnMissingBean
    IpsecGateway notConfiguredIpsecGateway() {
        return notConfigured(IpsecGateway.class, "slm.adapters.ipsec=strongswan");
    }

    @Bean
    @ConditionalOnMissingBean
    ConnectionInventory notConfiguredConnectionInventory() {
        return notConfigured(ConnectionInventory.class, "slm.adapters.connections=linux");
    }

    @Bean
    @ConditionalOnMissingBean
    RoutingCore notConfiguredRoutingCore() {
        return notConfigured(RoutingCore.class, "slm.adapters.routing-core=linux");
    }

    @Bean
    @ConditionalOnMissingBean
    TrafficGuard notConfiguredTrafficGuard() {
        return notConfigured(TrafficGuard.class, "slm.adapters.traffic-guard=nftables");
    }

    /** Only the minimal-blackout mode needs it: the patent's order steers with the SAs themselves. */
    @Bean
    @ConditionalOnMissingBean
    TrafficSteering notConfiguredTrafficSteering() {
        return notConfigured(TrafficSteering.class, "slm.adapters.steering=hook");
    }

    /** The port, every method of which (its default methods too) refuses with the incident's message. */
    static <T> T notConfigured(Class<T> port, String setting) {
        String name = port.getSimpleName();
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[]{port}, (proxy, method, args) ->
                switch (method.getName()) {
                    case "toString" -> "not configured " + name + " (" + setting + ")";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new AdapterNotConfiguredException(name, setting);
                }));
    }
}
