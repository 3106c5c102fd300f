package com.slm.application;

import com.slm.domain.CleartextGuard;
import com.slm.domain.MigrationRequest;
import com.slm.logging.LogContext;
import com.slm.port.Topology;
import com.slm.port.TrafficGuard;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The fail-closed guard of one migration: from before the VM may run at the target until it leaves that
 * environment, the target host and the secure gateway drop whatever passes between the VM's address and the
 * secure environment's networks without IPsec. Installed by block 325 before the migration starts; removed only
 * by a roll-back, once the VM runs at the source again.
 */
@Component
public class CleartextGuards {
    private final TrafficGuard guard;
    private final Topology topology;

    public CleartextGuards(TrafficGuard guard, Topology topology) {
        this.guard = guard;
        this.topology = topology;
    }

    public static String name(MigrationRequest request) {
        return "slm-guard-" + request.vmName();
    }

    /**
     * On both hosts, at once: the target's (where the VM will run) and the secure gateway (where its peers are). In
     * strict mode the VM's links are already down while this runs: its blackout waits for the slower host only.
     */
    public void install(MigrationRequest request, String vmAddress) {
        CleartextGuard spec = new CleartextGuard(name(request), List.of(vmAddress + "/32"),
                topology.guardedNetworks(request.source().environment()));
        LogContext.bothAtOnce(() -> {
            guard.install(request.target().environment(), spec);
            return null;
        }, () -> {
            guard.install(request.source().environment(), spec);
            return null;
        });
    }

    public void remove(MigrationRequest request) {
        guard.remove(request.target().environment(), name(request));
        guard.remove(request.source().environment(), name(request));
    }

    /** What of the guard is missing, as an incident names it: empty when it stands on both hosts. */
    public List<String> missing(MigrationRequest request) {
        String name = name(request);
        boolean onBoth = !LogContext.bothAtOnce(() -> guard.isInstalled(request.target().environment(), name),
                () -> guard.isInstalled(request.source().environment(), name)).contains(false);
        return onBoth ? List.of()
                : List.of("the fail-closed guard " + name + " (nftables) on the target host or the secure gateway");
    }
}
