package com.slm.domain;

import java.time.Instant;

/**
 * A lifecycle event a hypervisor adapter observed (e.g. "SUSPENDED/MIGRATED" at the source,
 * "RESUMED/MIGRATED" at the target). Adapters publish it as a Spring application event; the process
 * layer correlates it to the waiting migration, so traffic is switched at the right moment.
 */
public record VmLifecycleEvent(String vmName, HostRef host, String event, String detail, Instant at) {
}
