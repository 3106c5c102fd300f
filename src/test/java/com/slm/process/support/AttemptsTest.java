package com.slm.process.support;

import org.camunda.bpm.engine.delegate.BaseDelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.bpmn.parser.DefaultFailedJobParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.FailedJobRetryConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.core.model.Properties;
import org.camunda.bpm.engine.impl.el.Expression;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DeploymentCache;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionManager;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * How a step knows it runs its last attempt. Until a job first fails the engine has not yet applied the activity's
 * retry cycle (the job carries the default 3 retries), so the first attempt reads the cycle itself: the activity's
 * expression (the model's {@code ${slmTimers...}}), its literal cycle, or else the engine's global cycle.
 */
class AttemptsTest {
    private final CommandContext context = mock(CommandContext.class);
    private final JobEntity job = mock(JobEntity.class);
    private final ProcessEngineConfigurationImpl configuration = mock(ProcessEngineConfigurationImpl.class);
    private final Properties activityProperties = new Properties();
    private final ExecutionEntity execution = mock(ExecutionEntity.class);

    @BeforeEach
    void aJobOfAnActivity() {
        DeploymentCache cache = mock(DeploymentCache.class);
        ProcessDefinitionEntity definition = mock(ProcessDefinitionEntity.class);
        ActivityImpl activity = mock(ActivityImpl.class);
        ExecutionManager executions = mock(ExecutionManager.class);
        when(context.getCurrentJob()).thenReturn(job);
        when(context.getProcessEngineConfiguration()).thenReturn(configuration);
        when(context.getExecutionManager()).thenReturn(executions);
        when(configuration.getDeploymentCache()).thenReturn(cache);
        when(job.getProcessDefinitionId()).thenReturn("secureLiveMigration:1");
        when(job.getActivityId()).thenReturn("Block320_DisableCommunication");
        when(job.getExecutionId()).thenReturn("execution-1");
        when(job.getRetries()).thenReturn(3); // the engine's default until the first failure
        when(cache.findDeployedProcessDefinitionById("secureLiveMigration:1")).thenReturn(definition);
        when(definition.findActivity("Block320_DisableCommunication")).thenReturn(activity);
        when(activity.getProperties()).thenReturn(activityProperties);
        when(executions.findExecutionById("execution-1")).thenReturn(execution);
    }

    @AfterEach
    void noCommandContextLeft() {
        while (Context.getCommandContext() != null) {
            Context.removeCommandContext();
        }
    }

    private void cycleExpression(Object value) {
        Expression expression = mock(Expression.class);
        when(expression.getValue(any(VariableScope.class), any(BaseDelegateExecution.class))).thenReturn(value);
        activityProperties.set(DefaultFailedJobParseListener.FAILED_JOB_CONFIGURATION, new FailedJobRetryConfiguration(expression));
    }

    @Test
    void outsideAJobEveryAttemptIsTheLast() {
        assertThat(Attempts.isLast()).as("no command context").isTrue();
        when(context.getCurrentJob()).thenReturn(null);
        Context.setCommandContext(context);
        assertThat(Attempts.isLast()).as("a command that is not a job: nothing would retry it").isTrue();
    }

    @Test
    void theFirstAttemptReadsTheActivitysCycleNotTheEnginesDefaultRetries() {
        cycleExpression("R3/PT10S");
        assertThat(Attempts.attemptsLeft(context, job)).isEqualTo(3);
        cycleExpression("PT1S,PT3S,PT10S,PT30S,PT1M");
        assertThat(Attempts.attemptsLeft(context, job)).as("five intervals: six attempts").isEqualTo(6);
        cycleExpression("R1/PT1S");
        assertThat(Attempts.attemptsLeft(context, job)).isEqualTo(1);
        Context.setCommandContext(context);
        assertThat(Attempts.isLast()).as("R1: the first attempt is the last, although the job still carries 3 retries").isTrue();
    }

    @Test
    void aLiteralCycleOfTheActivityCountsAsParsed() {
        activityProperties.set(DefaultFailedJobParseListener.FAILED_JOB_CONFIGURATION,
                new FailedJobRetryConfiguration(5, List.of("PT1S")));
        assertThat(Attempts.attemptsLeft(context, job)).isEqualTo(5);
    }

    @Test
    void withoutACycleOfItsOwnTheActivityTakesTheEnginesGlobalOneElseTheJobsRetries() {
        when(configuration.getFailedJobRetryTimeCycle()).thenReturn("R2/PT5M");
        assertThat(Attempts.attemptsLeft(context, job)).isEqualTo(2);
        cycleExpression(42); // an expression that yields no cycle text falls back the same way
        assertThat(Attempts.attemptsLeft(context, job)).isEqualTo(2);
        when(configuration.getFailedJobRetryTimeCycle()).thenReturn(null);
        assertThat(Attempts.attemptsLeft(context, job)).as("no cycle anywhere: the job's retries").isEqualTo(3);
    }

    @Test
    void afterAFailureTheEngineHasCountedDownAndItsCountIsTheTruth() {
        cycleExpression("R3/PT10S");
        when(job.getExceptionMessage()).thenReturn("libvirtd at remote/site-b does not answer");
        when(job.getRetries()).thenReturn(2);
        Context.setCommandContext(context);
        assertThat(Attempts.attemptsLeft(context, job)).isEqualTo(2);
        assertThat(Attempts.isLast()).isFalse();
        when(job.getRetries()).thenReturn(1);
        assertThat(Attempts.isLast()).isTrue();

        when(job.getExceptionMessage()).thenReturn(null);
        when(job.getExceptionByteArrayId()).thenReturn("stack-trace-1"); // a failure without a message counts too
        assertThat(Attempts.isLast()).isTrue();
    }
}
