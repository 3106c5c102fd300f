package com.slm.adapter.libvirt;

import com.slm.config.Environments;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
    LibvirtConnections libvirtConnections(Environments environments, LibvirtProperties settings, LibvirtEvents events) {
        return new LibvirtConnections(environments, settings, events);
    }

    @Bean
    LibvirtHypervisor libvirtHypervisor(LibvirtConnections connections, Environments environments, LibvirtProperties settings) {
        return new LibvirtHypervisor(connections, environments, settings);
    }
}
