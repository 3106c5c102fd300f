package com.slm.web;

import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthContributorRegistry;
import org.springframework.boot.actuate.health.HealthEndpointGroups;
import org.springframework.boot.actuate.health.HealthEndpointWebExtension;
import org.springframework.boot.actuate.health.StatusAggregator;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Spring Boot's health endpoint over HTTP, except that a caller who may not see the components gets the status alone:
 * Spring Boot would list the health groups' names at the root to anybody ({@code "groups": [...]}), and the product
 * tells a stranger nothing but UP or DOWN.
 */
public class StatusOnlyHealthWebExtension extends HealthEndpointWebExtension {

    public StatusOnlyHealthWebExtension(HealthContributorRegistry registry, HealthEndpointGroups groups,
                                        Duration slowIndicatorLoggingThreshold) {
        super(registry, groups, slowIndicatorLoggingThreshold);
    }

    @Override
    protected HealthComponent aggregateContributions(ApiVersion apiVersion, Map<String, HealthComponent> contributions,
                                                     StatusAggregator statusAggregator, boolean showComponents,
                                                     Set<String> groupNames) {
        return super.aggregateContributions(apiVersion, contributions, statusAggregator, showComponents,
                showComponents ? groupNames : null);
    }
}
