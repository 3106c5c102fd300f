package com.slm.config;

import com.slm.domain.EvacuationRequestValidator;
import com.slm.domain.HostRef;
import com.slm.domain.MigrationRequestValidator;
import com.slm.port.Topology;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** One validator for the REST edge and the start listener, fed by the topology and the configured limits. */
@Configuration
public class ValidationConfig {

    @Bean
    public MigrationRequestValidator migrationRequestValidator(Topology topology, SlmProperties properties) {
        SlmProperties.Limits limits = properties.limits();
        return new MigrationRequestValidator(new MigrationRequestValidator.Catalogue() {
            @Override
            public boolean environmentExists(String environment) {
                return topology.environments().contains(environment);
            }

            @Override
            public boolean hostExists(String environment, String host) {
                return topology.host(new HostRef(environment, host)).isPresent();
            }

            @Override
            public boolean isTrusted(String environment) {
                return topology.isTrusted(environment);
            }

            @Override
            public Set<String> environments() {
                return topology.environments();
            }

            @Override
            public int maxReasonLength() {
                return limits.maxReasonLength();
            }

            @Override
            public int maxBandwidthMiBps() {
                return limits.maxBandwidthMiBps();
            }

            @Override
            public int maxDowntimeMs() {
                return limits.maxDowntimeMs();
            }

            @Override
            public List<String> subnets(String environment) {
                return topology.subnets(environment);
            }

            @Override
            public Map<String, String> vmAddresses() {
                return topology.vmAddresses();
            }
        });
    }

    @Bean
    public EvacuationRequestValidator evacuationRequestValidator(MigrationRequestValidator migrations) {
        return new EvacuationRequestValidator(migrations);
    }
}
