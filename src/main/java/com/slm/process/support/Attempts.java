package com.slm.process.support;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;

/** Whether the job running this step has attempts left (the engine counts down the retry cycle). */
public final class Attempts {
    private Attempts() {
    }

    /** True on the last attempt, or when the step does not run as a job (nothing would retry it). */
    public static boolean isLast() {
        CommandContext context = Context.getCommandContext();
        JobEntity job = context == null ? null : context.getCurrentJob();
        return job == null || job.getRetries() <= 1;
    }
}
