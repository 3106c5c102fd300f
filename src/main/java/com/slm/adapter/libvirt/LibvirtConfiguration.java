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
    LibvirtDomains libvirtDomains(LibvirtConnections connections) {
        return new LibvirtDomains(connections, DomainStateReason::of);
    }

    @Bean
    LibvirtPreChecks libvirtPreChecks(LibvirtConnections connections, LibvirtDomains domains, Topology topology,
                                      LibvirtProperties settings) {
        return new LibvirtPreChecks(connections, domains, topology, settings);
    }

    @Bean
    VmLinkControl vmLinkControl(LibvirtConnections connections, LibvirtProperties settings) {
        return new VmLinkControl(connections, settings);
    }

    @Bean
    PeerToPeerMigration peerToPeerMigration(LibvirtConnections connections) {
        return new PeerToPeerMigration(connections);
    }

    @Bean
    MigrationJobRunner migrationJobRunner(PeerToPeerMigration migration, LibvirtProperties settings) {
        return new MigrationJobRunner(migration, settings);
    }

    @Bean
    LibvirtHypervisor libvirtHypervisor(LibvirtConnections connections, Topology topology, LibvirtProperties settings,
                                        LibvirtDomains domains, LibvirtPreChecks preChecks, VmLinkControl links,
                                        MigrationJobRunner jobs) {
        return new LibvirtHypervisor(connections, topology, settings, domains, preChecks, links, jobs);
    }
}
