package com.slm.process.support;

import com.slm.domain.CleartextGuard;
import com.slm.domain.MigrationRequest;
import com.slm.logging.LogContext;
import com.slm.port.Topology;
import com.slm.port.TrafficGuard;

import java.util.List;

/**
 * The fail-closed guard of one migration: from before the VM may run at the target until it leaves that
 * environment, the target host and the secure gateway drop whatever passes between the VM's address and the
 * secure environment's networks without IPsec. Installed by block 325 before the migration starts; removed only
 * by a roll-back, once the VM runs at the source again.
 */
public final class Guards {
    private Guards() {
    }

    public static CleartextGuard of(MigrationRequest request, String vmAddress, Topology topology) {
        List<String> secure = topology.guardedNetworks(request.source().environment());
        return new CleartextGuard(name(request), List.of(vmAddress + "/32"), secure);
    }

    public static String name(MigrationRequest request) {
        return "slm-guard-" + request.vmName();
    }

    /**
     * On both hosts, at once: the target's (where the VM will run) and the secure gateway (where its peers are). In
     * strict mode the VM's links are already down while this runs: its blackout waits for the slower host only.
     */
    public static void install(TrafficGuard guard, MigrationRequest request, CleartextGuard spec) {
        LogContext.bothAtOnce(() -> {
            guard.install(request.target().environment(), spec);
            return null;
        }, () -> {
            guard.install(request.source().environment(), spec);
            return null;
        });
    }

    public static void remove(TrafficGuard guard, MigrationRequest request, String name) {
        guard.remove(request.target().environment(), name);
        guard.remove(request.source().environment(), name);
    }

    /** What of the guard is missing, as an incident names it: empty when it stands on both hosts. */
    public static List<String> missing(TrafficGuard guard, MigrationRequest request) {
        return installedOnBoth(guard, request, name(request)) ? List.of()
                : List.of("the fail-closed guard " + name(request) + " (nftables) on the target host or the secure gateway");
    }

    public static boolean installedOnBoth(TrafficGuard guard, MigrationRequest request, String name) {
        return !LogContext.bothAtOnce(() -> guard.isInstalled(request.target().environment(), name),
                () -> guard.isInstalled(request.source().environment(), name)).contains(false);
    }
}
