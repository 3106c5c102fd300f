package com.slm.domain;

/** Where a VM is, as the hypervisors of both ends see it. */
public enum VmPlacement {
    RUNNING_AT_SOURCE,
    PAUSED_AT_SOURCE,
    MIGRATING,
    PAUSED_AT_TARGET,
    RUNNING_AT_TARGET,
    NOT_FOUND
}
