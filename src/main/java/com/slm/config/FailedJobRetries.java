package com.slm.config;

import com.slm.application.IncidentAtOnce;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cmd.DefaultJobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.spring.boot.starter.configuration.impl.DefaultFailedJobConfiguration;
import org.springframework.stereotype.Component;

/**
 * The engine's retry cycle for failed jobs, except for failures marked {@link IncidentAtOnce}: those become an
 * incident at the first failure, because retrying them automatically would only fail the same way (or, for the
 * routing-core give-up, silently restart the wait that just ran out).
 */
/* Replaces the starter's DefaultFailedJobConfiguration (it steps aside for any CamundaFailedJobConfiguration bean),
   keeping what it does (the parse listener that reads failedJobRetryTimeCycle) and only changing the command. */
@Component
public class FailedJobRetries extends DefaultFailedJobConfiguration implements FailedJobCommandFactory {

    @Override
    public void preInit(SpringProcessEngineConfiguration configuration) {
        super.preInit(configuration);
        configuration.setFailedJobCommandFactory(this);
    }

    @Override
    public Command<Object> getCommand(String jobId, Throwable exception) {
        return new RetryCmd(jobId, exception);
    }

    static final class RetryCmd extends DefaultJobRetryCmd {
        RetryCmd(String jobId, Throwable exception) {
            super(jobId, exception);
        }

        @Override
        protected void decrementRetries(JobEntity job) {
            if (IncidentAtOnce.in(exception)) {
                job.setRetries(1); // the engine's decrement takes it to 0: an incident, no further attempt
            }
            super.decrementRetries(job);
        }
    }
}
