package com.slm.process;

import com.slm.config.SlmProperties;
import org.springframework.stereotype.Component;

/**
 * The model's timer durations, read from configuration ({@code slm.timers}) by expressions such as
 * {@code ${slmTimers.approvalTimeout}}, so operations can change them without touching the model.
 */
@Component("slmTimers")
public class SlmTimers {
    private final SlmProperties.Timers timers;

    public SlmTimers(SlmProperties properties) {
        this.timers = properties.timers();
    }

    public String getApprovalTimeout() {
        return timers.approvalTimeout().toString();
    }

    public String getMigrationPoll() {
        return timers.migrationPoll().toString();
    }

    public String getRoutingCorePoll() {
        return timers.routingCorePoll().toString();
    }

    public String getRetryBeforeTarget() {
        return timers.retryBeforeTarget();
    }

    public String getRetryAfterTarget() {
        return timers.retryAfterTarget();
    }
}
