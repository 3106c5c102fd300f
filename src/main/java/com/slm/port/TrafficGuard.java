package com.slm.port;

import com.slm.domain.CleartextGuard;

/**
 * The kernel's packet filter on an environment's IPsec host (the target host, the secure gateway): the
 * fail-closed guard that drops what IPsec does not protect. Every operation is idempotent.
 */
public interface TrafficGuard {

    /** Installs the guard on the environment's host; succeeds when it is already there. */
    void install(String environment, CleartextGuard guard);

    /** Removes the guard from the environment's host; succeeds when it is already gone. */
    void remove(String environment, String guardName);

    /** Whether the environment's host drops what the guard says. */
    boolean isInstalled(String environment, String guardName);
}
