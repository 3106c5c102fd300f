package com.slm.config;

import com.slm.domain.EvacuationRequestValidator;
import com.slm.domain.MigrationRequestValidator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** One validator for the REST edge and the start listener, fed by the configured environments and limits. */
@Configuration
public class ValidationConfig {

    @Bean
    public MigrationRequestValidator migrationRequestValidator(SlmProperties properties) {
        return new MigrationRequestValidator(new MigrationRequestValidator.Catalogue() {
            @Override
            public boolean environmentExists(String environment) {
                return properties.environments().containsKey(environment);
            }

            @Override
            public boolean hostExists(String environment, String host) {
                SlmProperties.Environment env = properties.environments().get(environment);
                return env != null && env.hosts().containsKey(host);
            }

            @Override
            public boolean isTrusted(String environment) {
                SlmProperties.Environment env = properties.environments().get(environment);
                return env != null && env.trusted();
            }

            @Override
            public Set<String> environments() {
                return new TreeSet<>(properties.environments().keySet());
            }

            @Override
            public int maxReasonLength() {
                return properties.limits().maxReasonLength();
            }

            @Override
            public int maxBandwidthMiBps() {
                return properties.limits().maxBandwidthMiBps();
            }

            @Override
            public int maxDowntimeMs() {
                return properties.limits().maxDowntimeMs();
            }

            @Override
            public List<String> subnets(String environment) {
                SlmProperties.Environment env = properties.environments().get(environment);
                return env == null || env.subnets() == null ? List.of() : env.subnets();
            }

            @Override
            public Map<String, String> vmAddresses() {
                Map<String, String> addresses = new TreeMap<>();
                properties.vms().forEach((vm, settings) -> addresses.put(vm, settings == null ? null : settings.address()));
                return addresses;
            }
        });
    }

    @Bean
    public EvacuationRequestValidator evacuationRequestValidator(MigrationRequestValidator migrations) {
        return new EvacuationRequestValidator(migrations);
    }
}
