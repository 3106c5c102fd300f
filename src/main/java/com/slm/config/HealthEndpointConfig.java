package com.slm.config;

import com.slm.security.Roles;
import com.slm.web.LoginFilter;
import com.slm.web.StatusOnlyHealthWebExtension;
import jakarta.servlet.Filter;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointProperties;
import org.springframework.boot.actuate.health.HealthContributorRegistry;
import org.springframework.boot.actuate.health.HealthEndpointGroups;
import org.springframework.boot.actuate.health.HealthEndpointWebExtension;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who sees what of {@code /actuator/health} (docs/operations.md). The endpoint serves anybody, an orchestrator's probe
 * too, but Spring Boot shows components and details only to a principal in the role named by
 * {@code management.endpoint.health.roles} ({@link Roles#ADMINS}, in application.yaml). The principal comes from the
 * product's own login against the engine's users: HTTP Basic is optional here, wrong credentials get 401 (and count
 * for the login throttle), and a logged-in user carries their groups as roles. A caller who may not see the
 * components gets the status alone ({@link StatusOnlyHealthWebExtension}).
 */
@Configuration
public class HealthEndpointConfig {

    @Bean
    FilterRegistrationBean<Filter> actuatorLoginFilter(IdentityService identity) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new LoginFilter(identity, Roles.ALL,
                Roles.ADMINS, "slm", "only the product's users log in here").allowingAnonymous());
        registration.setName("slm-actuator-login");
        registration.addUrlPatterns("/actuator/*");
        registration.setOrder(5);
        return registration;
    }

    /** Replaces Spring Boot's own (which steps back for it): strangers do not even learn the groups' names. */
    @Bean
    HealthEndpointWebExtension healthEndpointWebExtension(HealthContributorRegistry registry, HealthEndpointGroups groups,
                                                          HealthEndpointProperties properties) {
        return new StatusOnlyHealthWebExtension(registry, groups, properties.getLogging().getSlowIndicatorThreshold());
    }
}
