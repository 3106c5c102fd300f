package com.slm.process.support;

import com.slm.domain.RequestAlteredException;
import com.slm.port.AdapterNotConfiguredException;
import com.slm.port.PortException;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.junit.jupiter.api.Test;

import java.util.Date;
import java.util.function.Consumer;

import static com.slm.domain.ProcessVariables.ERROR_MIGRATION_FAILED;
import static com.slm.domain.ProcessVariables.TRAFFIC_ENABLED_AT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * What the two kinds of step do when their work fails: before the VM runs at the target a failure that cannot heal
 * (or the last attempt) rolls back through the BPMN error; after it, every failure is an incident whose text says
 * where the VM is and what protects it, and nothing rolls back.
 */
class StepBaseClassesTest {
    private final DelegateExecution execution = mock(DelegateExecution.class);

    private static BeforeTargetStep before(Consumer<DelegateExecution> work) {
        return new BeforeTargetStep() {
            @Override
            protected String step() {
                return "Block 320 (disable communication)";
            }

            @Override
            protected void run(DelegateExecution execution) {
                work.accept(execution);
            }
        };
    }

    private static AfterTargetStep after(Consumer<DelegateExecution> work) {
        return new AfterTargetStep() {
            @Override
            protected String step() {
                return "Block 345 (install the IPsec policy)";
            }

            @Override
            protected void run(DelegateExecution execution) {
                work.accept(execution);
            }
        };
    }

    private static Consumer<DelegateExecution> failing(RuntimeException failure) {
        return e -> {
            throw failure;
        };
    }

    @Test
    void beforeTargetWorkThatSucceedsThrowsNothing() {
        boolean[] ran = {false};
        assertThatCode(() -> before(e -> ran[0] = true).execute(execution)).doesNotThrowAnyException();
        assertThat(ran[0]).isTrue();
    }

    @Test
    void beforeTargetAFailureThatCannotHealRollsBack() {
        Throwable thrown = catchThrowable(() -> before(failing(new PortException("no such VM", false))).execute(execution));

        assertThat(thrown).isInstanceOf(BpmnError.class);
        assertThat(((BpmnError) thrown).getErrorCode()).isEqualTo(ERROR_MIGRATION_FAILED);
        assertThat(thrown.getMessage()).isEqualTo("Block 320 (disable communication) failed: no such VM");
    }

    @Test
    void beforeTargetARetryableFailureIsRetriedWhileAttemptsAreLeftAndRollsBackOnTheLast() {
        PortException flaky = new PortException("libvirtd restarting", true);
        JobEntity job = mock(JobEntity.class);
        when(job.getExceptionMessage()).thenReturn("failed before");
        CommandContext context = mock(CommandContext.class);
        when(context.getCurrentJob()).thenReturn(job);
        Context.setCommandContext(context);
        try {
            when(job.getRetries()).thenReturn(2);
            assertThat(catchThrowable(() -> before(failing(flaky)).execute(execution)))
                    .as("attempts left: the engine retries the same failure").isSameAs(flaky);

            when(job.getRetries()).thenReturn(1);
            assertThat(catchThrowable(() -> before(failing(flaky)).execute(execution)))
                    .as("last attempt: roll back").isInstanceOf(BpmnError.class)
                    .hasMessage("Block 320 (disable communication) failed: libvirtd restarting");
        } finally {
            Context.removeCommandContext();
        }
        assertThat(catchThrowable(() -> before(failing(flaky)).execute(execution)))
                .as("outside a job nothing would retry it").isInstanceOf(BpmnError.class);
    }

    @Test
    void beforeTargetAMissingAdapterAnAlteredRequestAndBpmnErrorsPassUnchanged() {
        RuntimeException missing = new AdapterNotConfiguredException("hypervisor", "slm.adapters.hypervisor");
        RuntimeException altered = new RequestAlteredException("the request no longer matches its digest");
        BpmnError error = new BpmnError("OTHER", "modelled");
        for (RuntimeException failure : new RuntimeException[] {missing, altered, error}) {
            assertThat(catchThrowable(() -> before(failing(failure)).execute(execution)))
                    .as("%s is an incident (or the model's own error), never a roll-back", failure.getClass().getSimpleName())
                    .isSameAs(failure);
        }
    }

    @Test
    void afterTargetAFailureIsAnIncidentThatSaysWhereTheVmIsAndNeverRollsBack() {
        PortException down = new PortException("charon at remote does not answer", false);

        Throwable thrown = catchThrowable(() -> after(failing(down)).execute(execution));

        assertThat(thrown).isInstanceOf(StepFailedException.class).isNotInstanceOf(BpmnError.class).hasCause(down);
        assertThat(thrown.getMessage())
                .startsWith("Block 345 (install the IPsec policy) failed: charon at remote does not answer | State: ")
                .contains("is paused there").contains("links are DOWN").contains("IPsec policy not yet installed")
                .endsWith("| Retry this job once the cause is fixed.");
    }

    @Test
    void afterTargetTheIncidentTextFollowsWhatTheStepsRecorded() {
        when(execution.getVariable(TRAFFIC_ENABLED_AT)).thenReturn(new Date());

        Throwable thrown = catchThrowable(() -> after(failing(new IllegalStateException("boom"))).execute(execution));

        assertThat(thrown).isInstanceOf(StepFailedException.class);
        assertThat(thrown.getMessage()).contains("failed: boom").contains("links are UP");
    }

    @Test
    void afterTargetBpmnErrorsPassAndSuccessThrowsNothing() {
        BpmnError error = new BpmnError("OTHER");
        assertThat(catchThrowable(() -> after(failing(error)).execute(execution))).isSameAs(error);
        assertThatCode(() -> after(e -> { }).execute(execution)).doesNotThrowAnyException();
    }
}
