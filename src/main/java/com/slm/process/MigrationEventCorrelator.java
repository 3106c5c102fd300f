package com.slm.process;

import com.slm.domain.ProcessVariables;
import com.slm.domain.VmLifecycleEvent;
import com.slm.logging.LogContext;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Wakes block 330 when the hypervisor reports a lifecycle event of a migrating VM, so progress and completion
 * are seen at once rather than at the next poll. The event is only a wake-up: block 330 asks the hypervisor for
 * the truth. A migration's business key is its VM's name (set from the sealed request at start).
 * <p>
 * An event that arrives while block 330 is busy finds nobody waiting for it; it is not dropped but tried again a
 * little later, for as long as the VM has a running migration that may still come to wait for it (the end of a
 * migration brings several events within milliseconds, and the last one is the one that says "done"). A VM with no
 * running migration means nothing to do.
 */
@Component
public class MigrationEventCorrelator {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationEventCorrelator.class);
    static final Duration RETRY_EVERY = Duration.ofMillis(50);
    static final int RETRIES = 40;

    private final RuntimeService runtime;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "migration-event-retry");
        t.setDaemon(true);
        return t;
    });

    public MigrationEventCorrelator(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @EventListener
    public void on(VmLifecycleEvent event) {
        deliver(event, RETRIES);
    }

    private void deliver(VmLifecycleEvent event, int retriesLeft) {
        // the engine sets the whole context inside the correlation; this keeps the VM on the lines around it
        try (LogContext.Scope vm = LogContext.with(LogContext.VM, event.vmName())) {
            if (!correlate(event) && retriesLeft > 0 && migrationRuns(event.vmName())) {
                retries.schedule(() -> deliver(event, retriesLeft - 1), RETRY_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Whether a waiting migration took the event. */
    private boolean correlate(VmLifecycleEvent event) {
        try {
            return !runtime.createMessageCorrelation(ProcessVariables.MESSAGE_MIGRATION_EVENT)
                    .processInstanceBusinessKey(event.vmName())
                    .setVariable(ProcessVariables.MIGRATION_DETAIL, event.event() + " at " + event.host() + " " + event.at())
                    .correlateAllWithResult().isEmpty();
        } catch (RuntimeException e) {
            // e.g. block 330 committing at this very moment (optimistic locking): tried again like a miss; the poll
            // timer catches up in any case, and an event must never break the adapter's event thread
            LOG.debug("Could not correlate {} of VM {}: {}", event.event(), event.vmName(), e.getMessage());
            return false;
        }
    }

    private boolean migrationRuns(String vmName) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(ProcessVariables.PROCESS_KEY)
                .processInstanceBusinessKey(vmName).active().count() > 0;
    }
}
