package com.slm.process;

import com.slm.application.CleartextGuards;
import com.slm.application.MigrationPlacement;
import com.slm.domain.MigrationRequest;
import com.slm.process.support.BeforeTargetStep;
import com.slm.process.support.SealedRequests;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import static com.slm.domain.ProcessVariables.*;

/**
 * Block 325: close the VM at the source by starting its live migration, which ends with the VM gone from the
 * source and paused at the target. The fail-closed guard goes up first. Where the VM is decides whether to start
 * ({@link MigrationPlacement#start}), so a retry or a restart never starts a second migration.
 */
@Component
public class StartLiveMigrationDelegate extends BeforeTargetStep {
    private final CleartextGuards guards;
    private final MigrationPlacement placement;

    public StartLiveMigrationDelegate(CleartextGuards guards, MigrationPlacement placement) {
        this.guards = guards;
        this.placement = placement;
    }

    @Override
    protected String step() {
        return "Block 325 (close the VM at the source: start its live migration)";
    }

    @Override
    protected void run(DelegateExecution execution) {
        MigrationRequest request = SealedRequests.approved(execution);
        // Fail closed first: from here on the VM may run at the target, and nothing of it may pass in clear.
        guards.install(request, (String) execution.getVariable(VM_ADDRESS));
        if (execution.getVariable(GUARD_INSTALLED_AT) == null) {
            execution.setVariable(GUARD_INSTALLED_AT, ClockUtil.getCurrentTime());
        }
        placement.start(request);
        if (execution.getVariable(MIGRATION_STARTED_AT) == null) {
            execution.setVariable(MIGRATION_STARTED_AT, ClockUtil.getCurrentTime());
        }
    }
}
