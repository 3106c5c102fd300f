package com.slm.process;

import com.slm.application.MigrationPlacement;
import com.slm.domain.MigrationRequest;
import com.slm.port.Topology;
import com.slm.process.support.BlackoutModes;
import com.slm.process.support.Policies;
import com.slm.process.support.SealedRequests;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import java.util.Date;

import static com.slm.domain.ProcessVariables.GUARD_REMOVED_AT;
import static com.slm.domain.ProcessVariables.TRAFFIC_ENABLED_AT;
import static com.slm.domain.ProcessVariables.VM_FOUND_AT_TARGET;

/**
 * Roll-back after a failure or a cancel before the VM runs at the target ({@link MigrationPlacement#rollBack}):
 * abort the migration job if one runs, then, with the VM still at the source, remove its guard and bring its links up
 * again there; in the minimal-blackout mode it also loses the SAs prepared for it. If the job completed after all, the
 * VM is at the target (guarded, links down): it is not rolled back but secured there, the model going forward to
 * block 335 ({@code vmFoundAtTarget}), through the switch-over in the minimal-blackout mode; no operator is needed.
 */
@Component
public class RollBackMigrationDelegate implements JavaDelegate {
    private final MigrationPlacement placement;
    private final Topology topology;
    private final BlackoutModes modes;

    public RollBackMigrationDelegate(MigrationPlacement placement, Topology topology, BlackoutModes modes) {
        this.placement = placement;
        this.topology = topology;
        this.modes = modes;
    }

    @Override
    public void execute(DelegateExecution execution) {
        MigrationRequest request = SealedRequests.approved(execution);
        switch (placement.rollBack(request, modes.minimal(execution) ? Policies.vmPolicy(execution, topology) : null)) {
            case BACK_AT_SOURCE -> {
                Date now = ClockUtil.getCurrentTime();
                execution.setVariable(VM_FOUND_AT_TARGET, false);
                execution.setVariable(GUARD_REMOVED_AT, now);
                execution.setVariable(TRAFFIC_ENABLED_AT, now);
            }
            case AT_TARGET -> execution.setVariable(VM_FOUND_AT_TARGET, true);
        }
    }
}
