package com.slm.process;

import com.slm.application.RoutingCoreGaveUpException;
import com.slm.application.RoutingCoreWait;
import com.slm.domain.SubnetTunnel;
import com.slm.process.support.Policies;
import com.slm.domain.RouteObservation;
import com.slm.process.support.AfterTargetStep;
import com.slm.process.support.SealedRequests;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import java.util.Date;

import static com.slm.domain.ProcessVariables.*;

/**
 * Block 380: has the routing core learned to reach the moved subnet through the target environment, without
 * the tunnel? The model's timer brings it back here until it has (block 385). After the configured give-up time
 * it stops with an incident at once ({@link RoutingCoreWait}); the tunnel keeps carrying the traffic meanwhile. A
 * retry of that incident restarts the waiting window (recorded in {@code routingCoreWaitRestarts}), so it does not
 * give up at once again.
 */
@Component
public class CheckRoutingCoreDelegate extends AfterTargetStep {
    private final RoutingCoreWait wait;

    public CheckRoutingCoreDelegate(RoutingCoreWait wait) {
        this.wait = wait;
    }

    @Override
    protected String step() {
        return "Block 380 (check the routing core)";
    }

    @Override
    protected void run(DelegateExecution execution) {
        Date now = ClockUtil.getCurrentTime();
        Date since = (Date) execution.getVariable(ROUTING_CORE_CHECK_SINCE);
        if (since == null || retryAfterGiveUp()) {
            if (since != null) {
                // An admin retried after the give-up: wait a whole window again, and record that it was restarted.
                Object restarts = execution.getVariable(ROUTING_CORE_WAIT_RESTARTS);
                execution.setVariable(ROUTING_CORE_WAIT_RESTARTS, (restarts instanceof Number n ? n.intValue() : 0) + 1);
            }
            since = now;
            execution.setVariable(ROUTING_CORE_CHECK_SINCE, since);
        }
        SubnetTunnel tunnel = Policies.subnetTunnel(execution);
        RouteObservation route = wait.check(tunnel.subnet(), tunnel.targetEnvironment(), since.toInstant(), now.toInstant());
        execution.setVariable(ROUTE_LEARNED, route.learned());
        execution.setVariable(ROUTE_DETAIL, route.detail());
    }

    /** This attempt follows a give-up: the give-up's variables were rolled back with it, its message stays on the job. */
    private static boolean retryAfterGiveUp() {
        JobEntity job = Context.getCommandContext() == null ? null : Context.getCommandContext().getCurrentJob();
        return job != null && job.getExceptionMessage() != null
                && job.getExceptionMessage().contains(RoutingCoreGaveUpException.GAVE_UP);
    }
}
