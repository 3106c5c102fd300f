package com.slm.process;

import com.slm.domain.VmLifecycleEvent;
import com.slm.logging.LogContext;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Wakes block 330 when the hypervisor reports a lifecycle event of a migrating VM, so progress and completion
 * are seen at once rather than at the next poll. The event is only a wake-up: block 330 asks the hypervisor for
 * the truth. No waiting migration (or one that is not at that point) means nothing to do. A migration's business
 * key is its VM's name (set from the sealed request at start).
 */
@Component
public class MigrationEventCorrelator {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationEventCorrelator.class);

    private final RuntimeService runtime;

    public MigrationEventCorrelator(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @EventListener
    public void on(VmLifecycleEvent event) {
        // the engine sets the whole context inside the correlation; this keeps the VM on the lines around it
        try (LogContext.Scope vm = LogContext.with(LogContext.VM, event.vmName())) {
            correlate(event);
        }
    }

    private void correlate(VmLifecycleEvent event) {
        try {
            runtime.createMessageCorrelation(ProcessVariables.MESSAGE_MIGRATION_EVENT)
                    .processInstanceBusinessKey(event.vmName())
                    .setVariable(ProcessVariables.MIGRATION_DETAIL, event.event() + " at " + event.host() + " " + event.at())
                    .correlateAllWithResult();
        } catch (RuntimeException e) {
            // The poll timer catches up; an event must never break the adapter's event thread.
            LOG.warn("Could not correlate {} of VM {}: {}", event.event(), event.vmName(), e.getMessage());
        }
    }
}
