package com.slm.adapter.libvirt;

import com.slm.adapter.TimeLimitedHealthChecks;
import com.slm.port.Topology;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/** The libvirt adapter, when {@code slm.adapters.hypervisor=libvirt}. */
@Configuration
@ConditionalOnProperty(name = "slm.adapters.hypervisor", havingValue = "libvirt")
@EnableConfigurationProperties(LibvirtProperties.class)
public class LibvirtConfiguration {

    @Bean
    LibvirtEvents libvirtEvents(ApplicationEventPublisher publisher) {
        LibvirtEvents events = new LibvirtEvents(publisher);
        events.start();
        return events;
    }

    @Bean
    LibvirtConnections libvirtConnections(Topology topology, LibvirtProperties settings, LibvirtEvents events) {
        return new LibvirtConnections(topology, settings, events);
    }

    /** {@code libvirtd} in the health endpoint (readiness too): one check per configured host, time-limited. */
    @Bean
    LibvirtdHealthIndicator libvirtdHealthIndicator(LibvirtConnections connections, Topology topology,
                                                    @Value("${slm.health.check-timeout:PT2S}") Duration limit) {
        return new LibvirtdHealthIndicator(connections, topology, new TimeLimitedHealthChecks("libvirtd-health", limit));
    }

    @Bean
    LibvirtHypervisor libvirtHypervisor(LibvirtConnections connections, Topology topology, LibvirtProperties settings) {
        return new LibvirtHypervisor(connections, topology, settings);
    }
}
