package com.slm.process;

import com.slm.domain.Outcome;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Records how a migration ended, from the end events' listeners: {@code ${outcomeRecorder.record(execution, 'COMPLETED')}}. */
@Component
public class OutcomeRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(OutcomeRecorder.class);

    public void record(DelegateExecution execution, String outcome) {
        execution.setVariable(ProcessVariables.OUTCOME, Outcome.valueOf(outcome).name());
        LOG.info("Migration ended: {}", outcome);
    }
}
