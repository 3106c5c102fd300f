package com.slm.adapter.linux;

import com.slm.adapter.Commands;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Linux adapters: the connection inventory, the routing core, the traffic guard and the steering hook, each switched on by its own setting. */
@Configuration
@EnableConfigurationProperties(LinuxProperties.class)
public class LinuxConfiguration {

    @Bean
    @ConditionalOnProperty(name = "slm.adapters.connections", havingValue = "linux")
    SsConnectionInventory ssConnectionInventory(LinuxProperties settings) {
        return new SsConnectionInventory(settings, new Commands(settings.commandTimeout(), settings.hosts()));
    }

    @Bean
    @ConditionalOnProperty(name = "slm.adapters.traffic-guard", havingValue = "nftables")
    NftablesTrafficGuard nftablesTrafficGuard(LinuxProperties settings) {
        return new NftablesTrafficGuard(settings.guard(), new Commands(settings.commandTimeout(), settings.hosts()));
    }

    @Bean
    @ConditionalOnProperty(name = "slm.adapters.steering", havingValue = "hook")
    HookTrafficSteering hookTrafficSteering(LinuxProperties settings) {
        return new HookTrafficSteering(settings.steering(), new Commands(settings.commandTimeout(), settings.hosts()));
    }

    @Bean
    @ConditionalOnProperty(name = "slm.adapters.routing-core", havingValue = "linux")
    IpRouteRoutingCore ipRouteRoutingCore(LinuxProperties settings) {
        return new IpRouteRoutingCore(settings, new Commands(settings.commandTimeout(), settings.hosts()));
    }
}
