package com.slm.process.lock;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * The process's own {@code end} listener: the instance ended (completed, rolled back, rejected, cancelled, or
 * deleted from Cockpit or the API, where end events' listeners do not run), so its VM may be migrated again.
 */
@Component
public class ReleaseVmLockListener implements ExecutionListener {
    private final VmMigrationLocks locks;

    public ReleaseVmLockListener(VmMigrationLocks locks) {
        this.locks = locks;
    }

    @Override
    public void notify(DelegateExecution execution) {
        locks.release(execution.getProcessInstanceId());
    }
}
