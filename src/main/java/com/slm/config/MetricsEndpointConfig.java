package com.slm.config;

import com.slm.security.Roles;
import com.slm.web.LoginFilter;
import jakarta.servlet.Filter;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * {@code /actuator/prometheus} for the product's admins only (docs/operations.md, "Metrics"): HTTP Basic against the
 * engine's users, no credentials 401, a user outside {@link Roles#ADMINS} 403. Metrics tell how many migrations run,
 * fail and wait, which is nobody else's business. Runs before the health endpoint's login on {@code /actuator/*},
 * which then takes this login as it is.
 */
@Configuration
public class MetricsEndpointConfig {

    @Bean
    FilterRegistrationBean<Filter> metricsLoginFilter(IdentityService identity) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new LoginFilter(identity,
                List.of(Roles.ADMINS), Roles.ADMINS, "slm", "metrics are for the product's admins"));
        registration.setName("slm-metrics-login");
        registration.addUrlPatterns("/actuator/prometheus", "/actuator/prometheus/*");
        registration.setOrder(4);
        return registration;
    }
}
