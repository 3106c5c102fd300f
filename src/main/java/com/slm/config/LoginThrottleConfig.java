package com.slm.config;

import com.slm.web.LoginThrottle;
import com.slm.web.LoginThrottleFilter;
import jakarta.servlet.Filter;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import java.time.Duration;

/**
 * The per-client-address login throttle ({@code slm.security.login-throttle}), before anything that checks a
 * password: engine REST (HTTP Basic), the audit API, the health endpoint's login and the webapps' login. See
 * docs/security.md.
 */
@Configuration
public class LoginThrottleConfig {

    @ConfigurationProperties("slm.security.login-throttle")
    public record Properties(@DefaultValue("10") int maxFailures,
                             @DefaultValue("PT1M") Duration window,
                             @DefaultValue("10000") int maxClients) {
    }

    @Bean
    LoginThrottle loginThrottle(Properties properties) {
        return new LoginThrottle(properties.maxFailures(), properties.window(), properties.maxClients(),
                System::currentTimeMillis);
    }

    @Bean
    FilterRegistrationBean<Filter> loginThrottleFilter(LoginThrottle throttle) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new LoginThrottleFilter(throttle));
        registration.setName("slm-login-throttle");
        registration.addUrlPatterns("/engine-rest/*", "/api/*", "/camunda/api/admin/auth/user/*", "/actuator/*");
        // before the login filters of /api and /actuator (5) and the engine's REST authentication (10), which check passwords
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        return registration;
    }
}
