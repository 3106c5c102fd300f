package com.slm.config;

import com.slm.application.ConnectionRules;
import com.slm.process.SlmTimers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the steps and the use cases are told of the product's settings ({@link SlmProperties}). */
@Configuration
public class ProcessSettings {

    /** The model reads it by name: {@code ${slmTimers.approvalTimeout}}. */
    @Bean
    SlmTimers slmTimers(SlmProperties properties) {
        SlmProperties.Timers timers = properties.timers();
        return new SlmTimers(timers.approvalTimeout(), timers.migrationPoll(), timers.routingCorePoll(),
                timers.routingCoreGiveUp(), timers.retryBeforeTarget(), timers.retryAfterTarget());
    }

    @Bean
    ConnectionRules connectionRules(SlmProperties properties) {
        return new ConnectionRules(properties.connections().tlsPorts(), properties.connections().extendPolicyToPeers());
    }
}
