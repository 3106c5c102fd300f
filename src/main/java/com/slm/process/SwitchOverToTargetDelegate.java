package com.slm.process;

import com.slm.application.MinimalBlackout;
import com.slm.port.Topology;
import com.slm.process.support.AfterTargetStep;
import com.slm.process.support.Policies;
import com.slm.process.support.SealedRequests;
import com.slm.process.support.SessionVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import java.util.Date;

import static com.slm.domain.ProcessVariables.*;

/**
 * Minimal-blackout mode, the switch-over window ({@link MinimalBlackout#switchOver}): the VM is paused at the target
 * and gone from the source, its SAs and the fail-closed guard are in place. In one step, as soon as block 330 sees
 * the migration complete: check that every SA the VM needs and the guard are there (else the VM stays paused: nothing
 * runs unprotected), steer the traffic into the policy at both environments, reset the insecure sessions found
 * before the move, resume the VM. Blocks 345-370 then only confirm it. Every part is idempotent, so a retry after a
 * crash redoes nothing that is done.
 */
@Component
public class SwitchOverToTargetDelegate extends AfterTargetStep {
    private final MinimalBlackout minimalBlackout;
    private final Topology topology;

    public SwitchOverToTargetDelegate(MinimalBlackout minimalBlackout, Topology topology) {
        this.minimalBlackout = minimalBlackout;
        this.topology = topology;
    }

    @Override
    protected String step() {
        return "Switch-over (minimal blackout: steer, reset insecure sessions, resume at the target)";
    }

    @Override
    protected void run(DelegateExecution execution) {
        SessionVariables.record(execution, minimalBlackout.switchOver(SealedRequests.approved(execution),
                Policies.vmPolicy(execution, topology), SessionVariables.insecure(execution)));
        Date resumed = ClockUtil.getCurrentTime();
        if (execution.getVariable(VM_RESUMED_AT) == null) {
            execution.setVariable(VM_RESUMED_AT, resumed);
            execution.setVariable(TRAFFIC_ENABLED_AT, resumed);
            execution.setVariable(BLACKOUT_MS, blackoutMs(execution, resumed));
        }
    }

    /**
     * The VM stopped serving when QEMU paused it at the source for the last copy: QEMU's downtime before block 330
     * saw the migration complete, plus the time from then until the resume.
     */
    private static long blackoutMs(DelegateExecution execution, Date resumed) {
        Object downtime = execution.getVariable(MIGRATION_DOWNTIME_MS);
        Date completed = (Date) execution.getVariable(MIGRATION_COMPLETED_AT);
        long before = downtime instanceof Number n && n.longValue() > 0 ? n.longValue() : 0;
        return before + (completed == null ? 0 : resumed.getTime() - completed.getTime());
    }
}
