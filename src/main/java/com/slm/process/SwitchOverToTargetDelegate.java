package com.slm.process;

import com.slm.domain.MigrationRequest;
import com.slm.domain.VmPolicy;
import com.slm.logging.LogContext;
import com.slm.port.Hypervisor;
import com.slm.port.IpsecGateway;
import com.slm.port.PortException;
import com.slm.port.Topology;
import com.slm.port.TrafficGuard;
import com.slm.port.TrafficSteering;
import com.slm.process.support.AfterTargetStep;
import com.slm.process.support.Guards;
import com.slm.process.support.InsecureSessions;
import com.slm.process.support.Policies;
import com.slm.process.support.SealedRequests;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static com.slm.domain.ProcessVariables.*;

/**
 * Minimal-blackout mode, the switch-over window: the VM is paused at the target and gone from the source, its SAs
 * and the fail-closed guard are in place. In one step, as soon as block 330 sees the migration complete: check that
 * every SA the VM needs and the guard are there (else the VM stays paused: nothing runs unprotected), steer the
 * traffic into the policy at both environments, reset the insecure sessions found before the move, resume the VM.
 * Blocks 345-370 then only confirm it. Every part is idempotent, so a retry after a crash redoes nothing that is done.
 */
@Component
public class SwitchOverToTargetDelegate extends AfterTargetStep {
    private final Hypervisor hypervisor;
    private final IpsecGateway ipsec;
    private final TrafficGuard trafficGuard;
    private final TrafficSteering steering;
    private final Topology topology;
    private final InsecureSessions sessions;

    public SwitchOverToTargetDelegate(Hypervisor hypervisor, IpsecGateway ipsec, TrafficGuard trafficGuard, TrafficSteering steering, Topology topology, InsecureSessions sessions) {
        this.hypervisor = hypervisor;
        this.ipsec = ipsec;
        this.trafficGuard = trafficGuard;
        this.steering = steering;
        this.topology = topology;
        this.sessions = sessions;
    }

    @Override
    protected String step() {
        return "Switch-over (minimal blackout: steer, reset insecure sessions, resume at the target)";
    }

    @Override
    protected void run(DelegateExecution execution) {
        MigrationRequest request = SealedRequests.approved(execution);
        VmPolicy policy = Policies.vmPolicy(execution, topology);
        List<String> missing = new ArrayList<>(ipsec.notInstalled(policy,
                PrepareSecurePathDelegate.preparedPeers(execution, policy.vmAddress())));
        missing.addAll(Guards.missing(trafficGuard, request));
        if (!missing.isEmpty()) {
            throw new PortException("VM '" + request.vmName() + "' stays paused at " + request.target()
                    + ": not in place: " + String.join(", ", missing), true);
        }
        steer(steering, policy);
        InsecureSessions.record(execution, sessions.reset(request.vmName(), policy.vmAddress(), InsecureSessions.found(execution)));
        hypervisor.resumeAtTarget(request);
        Date resumed = ClockUtil.getCurrentTime();
        if (execution.getVariable(VM_RESUMED_AT) == null) {
            execution.setVariable(VM_RESUMED_AT, resumed);
            execution.setVariable(TRAFFIC_ENABLED_AT, resumed);
            execution.setVariable(BLACKOUT_MS, blackoutMs(execution, resumed));
        }
    }

    /** Both environments at once: the VM waits paused for the slower one, not for the sum. */
    private static void steer(TrafficSteering steering, VmPolicy policy) {
        LogContext.bothAtOnce(() -> {
            steering.steer(policy.secureEnvironment(), policy.vmAddress());
            return null;
        }, () -> {
            steering.steer(policy.targetEnvironment(), policy.vmAddress());
            return null;
        });
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
