package com.slm.config;

import com.slm.security.Roles;
import com.slm.process.guard.CommandGuard;
import com.slm.process.guard.CommandPolicy;
import com.slm.process.guard.CompletionCheck;
import com.slm.process.guard.StartCheck;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Hardens the engine before it is built: the command guard in front of every command (both command executors),
 * per-instance history permissions (operators read their own migrations only), task work without task update
 * (candidates claim and complete, they do not rewrite), and no Java object variables at all: the product stores
 * text, numbers and JSON only, so deserialization is validated against an empty allow-list and Java
 * serialization is off.
 */
/* Last of the engine configurations: nothing configured after it may undo these settings. */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
public class EngineGuardConfiguration extends AbstractCamundaConfiguration {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        CommandGuard guard = new CommandGuard(() -> configuration.getIdentityService().getCurrentAuthentication(),
                new CommandPolicy(List.of(Roles.ADMINS), List.of(), new StartCheck(), new CompletionCheck()));
        configuration.setCustomPreCommandInterceptorsTxRequired(withGuard(configuration.getCustomPreCommandInterceptorsTxRequired(), guard));
        configuration.setCustomPreCommandInterceptorsTxRequiresNew(withGuard(configuration.getCustomPreCommandInterceptorsTxRequiresNew(), guard));
        configuration.setEnableHistoricInstancePermissions(true);
        configuration.setDefaultUserPermissionNameForTask(Permissions.TASK_WORK.getName());
        configuration.setDeserializationTypeValidationEnabled(true);
        configuration.setDeserializationAllowedPackages("");
        configuration.setDeserializationAllowedClasses("");
        configuration.setJavaSerializationFormatEnabled(false);
    }

    private static List<CommandInterceptor> withGuard(List<CommandInterceptor> existing, CommandGuard guard) {
        List<CommandInterceptor> interceptors = new ArrayList<>();
        interceptors.add(guard);
        if (existing != null) {
            interceptors.addAll(existing);
        }
        return interceptors;
    }
}
