package com.slm.config;

import com.slm.process.metrics.MeteringParseListener;
import com.slm.process.metrics.MigrationMeters;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * The process-side meters (docs/operations.md, "Metrics") enter the engine as a parse listener, after the engine's
 * own: whenever the engine parses the model (a deployment, or filling its definition cache after a start) the
 * listeners are hung on.
 */
@Component
public class ProcessMetricsConfiguration extends AbstractCamundaConfiguration {
    private final MigrationMeters meters;

    public ProcessMetricsConfiguration(MigrationMeters meters) {
        this.meters = meters;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = new ArrayList<>();
        if (configuration.getCustomPostBPMNParseListeners() != null) {
            listeners.addAll(configuration.getCustomPostBPMNParseListeners());
        }
        listeners.add(new MeteringParseListener(meters));
        configuration.setCustomPostBPMNParseListeners(listeners);
    }
}
