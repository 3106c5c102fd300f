package com.slm.config;

import com.slm.logging.LogContext;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.stereotype.Component;

/**
 * The engine's own logging context (MDC), under the product's key names: around every command that runs an
 * execution (a job of a step, a timer, a listener, a message correlation) the engine sets the process instance id,
 * the business key (the VM's name, set by block 310) and the activity id (the block), and restores what was there
 * before. The engine's other keys (definition, activity name, tenant, engine, application) are switched off:
 * one migration and one block say everything, and fewer keys keep the lines short.
 */
@Component
public class EngineLoggingContext extends AbstractCamundaConfiguration {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setLoggingContextProcessInstanceId(LogContext.PROCESS_INSTANCE_ID);
        configuration.setLoggingContextBusinessKey(LogContext.VM);
        configuration.setLoggingContextActivityId(LogContext.BLOCK);
        configuration.setLoggingContextActivityName(null);
        configuration.setLoggingContextProcessDefinitionId(null);
        configuration.setLoggingContextProcessDefinitionKey(null);
        configuration.setLoggingContextTenantId(null);
        configuration.setLoggingContextEngineName(null);
        configuration.setLoggingContextApplicationName(null);
    }
}
