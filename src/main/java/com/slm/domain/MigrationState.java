package com.slm.domain;

/** What the hypervisor says about a VM's live migration job. */
public enum MigrationState {
    /** No job runs and the VM is still at the source. */
    NOT_STARTED,
    RUNNING,
    /** The VM is at the target (paused or running) and gone from the source. */
    COMPLETED,
    /** The job ended without moving the VM: it is still at the source. */
    FAILED
}
