package com.slm.config;

import com.slm.domain.EvacuationRequestValidator;
import com.slm.security.Roles;
import com.slm.domain.MigrationRequestValidator;
import com.slm.domain.ProcessVariables;
import com.slm.process.lock.VmMigrationLocks;
import com.slm.web.LoginFilter;
import com.slm.web.StartRequestValidationFilter;
import jakarta.servlet.Filter;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * HTTP Basic on {@code /engine-rest} through the engine's own filter: it sets the engine's authenticated
 * user and groups, so authorization checks see who calls (the webapps have their own session login).
 */
@Configuration
public class RestAuthenticationConfig {

    @Bean
    public FilterRegistrationBean<Filter> engineRestAuthenticationFilter() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("slm-engine-rest-authentication");
        registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(10);
        return registration;
    }

    /**
     * After the engine API's authentication (a stranger gets 401, not a validation report), before its resources;
     * on the webapps' mount of the same API too.
     */
    @Bean
    public FilterRegistrationBean<Filter> startRequestValidationFilter(MigrationRequestValidator validator,
            EvacuationRequestValidator evacuations, VmMigrationLocks locks, IdentityService identity,
            AuthorizationService authorizations) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new StartRequestValidationFilter(
                validator, evacuations, locks, () -> mayStart(identity, authorizations)));
        registration.setName("slm-start-request-validation");
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
        registration.setOrder(20);
        return registration;
    }

    /**
     * The engine's authenticated caller (set by the authentication filter before) may create instances of the
     * migration process. Without a known caller (the webapps' mount authenticates further in) the engine decides.
     */
    private static boolean mayStart(IdentityService identity,
                                    AuthorizationService authorizations) {
        Authentication caller = identity.getCurrentAuthentication();
        return caller == null || authorizations.isUserAuthorized(caller.getUserId(), caller.getGroupIds(),
                Permissions.CREATE_INSTANCE,
                Resources.PROCESS_DEFINITION, ProcessVariables.PROCESS_KEY);
    }

    /**
     * The product's own API for migrations: the migrations page's reads (every role; operators see their own only)
     * and the cancels of a migration or of a whole evacuation (operators and admins). The controllers and use cases
     * decide per call.
     */
    @Bean
    public FilterRegistrationBean<Filter> migrationApiLoginFilter(IdentityService identity) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new LoginFilter(identity,
                Roles.ALL, Roles.ADMINS, "slm", "only operators, approvers, auditors and admins read migrations"));
        registration.setName("slm-migration-api-login");
        registration.addUrlPatterns("/api/migrations/*", "/api/evacuations/*");
        registration.setOrder(5);
        return registration;
    }
}
