package com.slm.process;

import java.time.Duration;

/**
 * The model's timer durations and retry cycles, from configuration ({@code slm.timers}), read by expressions such
 * as {@code ${slmTimers.approvalTimeout}}, so operations can change them without touching the model. Before the VM
 * runs at the target a failure on the last attempt rolls back; after it, it becomes an incident.
 */
public class SlmTimers {
    private final Duration approvalTimeout;
    private final Duration migrationPoll;
    private final Duration routingCorePoll;
    private final String retryBeforeTarget;
    private final String retryAfterTarget;

    public SlmTimers(Duration approvalTimeout, Duration migrationPoll, Duration routingCorePoll, String retryBeforeTarget,
                     String retryAfterTarget) {
        this.approvalTimeout = approvalTimeout;
        this.migrationPoll = migrationPoll;
        this.routingCorePoll = routingCorePoll;
        this.retryBeforeTarget = retryBeforeTarget;
        this.retryAfterTarget = retryAfterTarget;
    }

    public String getApprovalTimeout() {
        return approvalTimeout.toString();
    }

    public String getMigrationPoll() {
        return migrationPoll.toString();
    }

    public String getRoutingCorePoll() {
        return routingCorePoll.toString();
    }

    public String getRetryBeforeTarget() {
        return retryBeforeTarget;
    }

    public String getRetryAfterTarget() {
        return retryAfterTarget;
    }
}
