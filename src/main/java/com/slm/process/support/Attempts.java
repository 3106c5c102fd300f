package com.slm.process.support;

import org.camunda.bpm.engine.impl.bpmn.parser.DefaultFailedJobParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.FailedJobRetryConfiguration;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.util.ParseUtil;

/** Whether the job running this step has attempts left (the engine counts down the retry cycle). */
public final class Attempts {
    private Attempts() {
    }

    /** True on the last attempt, or when the step does not run as a job (nothing would retry it). */
    public static boolean isLast() {
        CommandContext context = Context.getCommandContext();
        JobEntity job = context == null ? null : context.getCurrentJob();
        return job == null || attemptsLeft(context, job) <= 1;
    }

    /**
     * Attempts left including this one. Until a job first fails it carries the engine's default retries (3), not
     * its cycle's: the engine applies the activity's {@code failedJobRetryTimeCycle} only at the first failure
     * (DefaultJobRetryCmd), so the first attempt reads the cycle itself (R1: the first attempt is the last).
     */
    static int attemptsLeft(CommandContext context, JobEntity job) {
        boolean failedBefore = job.getExceptionMessage() != null || job.getExceptionByteArrayId() != null;
        if (failedBefore) {
            return job.getRetries();
        }
        Integer cycle = cycleRetries(context, job);
        return cycle == null ? job.getRetries() : cycle;
    }

    /** The retries of the job's retry cycle (the activity's, else the engine's global one), as the engine reads it. */
    private static Integer cycleRetries(CommandContext context, JobEntity job) {
        String cycle = null;
        ProcessDefinitionEntity definition = job.getProcessDefinitionId() == null ? null : context.getProcessEngineConfiguration()
                .getDeploymentCache().findDeployedProcessDefinitionById(job.getProcessDefinitionId());
        ActivityImpl activity = definition == null || job.getActivityId() == null ? null : definition.findActivity(job.getActivityId());
        FailedJobRetryConfiguration configuration = activity == null ? null
                : activity.getProperties().get(DefaultFailedJobParseListener.FAILED_JOB_CONFIGURATION);
        if (configuration != null && configuration.getExpression() != null) {
            ExecutionEntity execution = job.getExecutionId() == null ? null
                    : context.getExecutionManager().findExecutionById(job.getExecutionId());
            Object value = configuration.getExpression().getValue(execution, execution);
            cycle = value instanceof String text ? text : null;
        } else if (configuration != null) {
            return configuration.getRetries();
        }
        if (cycle == null) {
            cycle = context.getProcessEngineConfiguration().getFailedJobRetryTimeCycle();
        }
        if (cycle == null) {
            return null;
        }
        FailedJobRetryConfiguration parsed = ParseUtil.parseRetryIntervals(cycle);
        return parsed == null ? null : parsed.getRetries();
    }
}
