package com.slm.application;

import com.slm.domain.MigrationRequest;
import com.slm.domain.VmPlacement;
import com.slm.domain.VmPolicy;
import com.slm.port.Hypervisor;
import com.slm.port.IpsecGateway;
import com.slm.port.PortException;
import com.slm.port.TrafficSteering;
import org.springframework.stereotype.Component;

/**
 * Where the VM is decides what a start or a roll-back does, so that a retry or a restart never does anything twice:
 * a migration starts only from the source, and a roll-back only rolls back a VM that is still there.
 */
@Component
public class MigrationPlacement {
    /** Where a roll-back left the VM. */
    public enum RollBack {
        /** At the source, its guard removed and its links up again. */
        BACK_AT_SOURCE,
        /** The migration completed after all: the VM is at the target (guarded, links down), to be secured there. */
        AT_TARGET
    }

    private final Hypervisor hypervisor;
    private final IpsecGateway ipsec;
    private final TrafficSteering steering;
    private final CleartextGuards guards;

    public MigrationPlacement(Hypervisor hypervisor, IpsecGateway ipsec, TrafficSteering steering, CleartextGuards guards) {
        this.hypervisor = hypervisor;
        this.ipsec = ipsec;
        this.steering = steering;
        this.guards = guards;
    }

    /** Block 325: starts the live migration of a VM at the source; one under way or done is left alone. */
    public void start(MigrationRequest request) {
        switch (hypervisor.locate(request)) {
            case RUNNING_AT_SOURCE, PAUSED_AT_SOURCE -> hypervisor.startMigration(request);
            case MIGRATING, PAUSED_AT_TARGET, RUNNING_AT_TARGET -> {
                // Already under way or done: starting again would be a second migration.
            }
            case NOT_FOUND -> throw new PortException("VM '" + request.vmName() + "' is found neither at "
                    + request.source() + " nor at " + request.target(), false);
        }
    }

    /**
     * Aborts the migration job if one runs; a VM still at the source loses its guard (it would only drop the traffic
     * of a VM that is not there) and gets its links back there. In the minimal-blackout mode it also loses the SAs
     * prepared for it ({@code prepared}, else {@code null}).
     *
     * @throws RollBackBlockedException when the job still runs after the abort, or the VM is nowhere
     */
    public RollBack rollBack(MigrationRequest request, VmPolicy prepared) {
        hypervisor.abortMigration(request);
        VmPlacement placement = hypervisor.locate(request);
        return switch (placement) {
            case RUNNING_AT_SOURCE, PAUSED_AT_SOURCE -> {
                guards.remove(request);
                hypervisor.unblockTraffic(request.source(), request.vmName());
                if (prepared != null) {
                    undoPreparedPath(prepared);
                }
                yield RollBack.BACK_AT_SOURCE;
            }
            case MIGRATING -> throw new RollBackBlockedException("Roll-back: the migration job of VM '" + request.vmName()
                    + "' is still running after the abort; its links at " + request.source()
                    + " stay DOWN. Retry this job to abort again.");
            // Too late to roll back: forward recovery secures the VM at the target instead of stopping for an operator.
            case PAUSED_AT_TARGET, RUNNING_AT_TARGET -> RollBack.AT_TARGET;
            case NOT_FOUND -> throw new RollBackBlockedException("Roll-back: VM '" + request.vmName()
                    + "' is found neither at " + request.source() + " nor at " + request.target()
                    + ". Find it, then retry this job.");
        };
    }

    /**
     * The minimal-blackout mode built the VM's SAs before the move: with the VM back at the source they go (else the
     * watchdog would keep them forever), and the environments forget the hold. Nothing was steered before the
     * switch-over, so the VM's traffic never left the source.
     */
    private void undoPreparedPath(VmPolicy policy) {
        ipsec.removeVmPolicy(policy);
        steering.release(policy.secureEnvironment(), policy.vmAddress());
        steering.release(policy.targetEnvironment(), policy.vmAddress());
    }
}
