package com.slm.config;

import com.slm.application.ConnectionRules;
import com.slm.application.RoutingCoreWait;
import com.slm.port.RoutingCore;
import com.slm.process.SlmTimers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the steps and the use cases are told of the product's settings ({@link SlmProperties}), and the use cases made from them. */
@Configuration
public class ProcessSettings {

    /** The model reads it by name: {@code ${slmTimers.approvalTimeout}}. */
    @Bean
    SlmTimers slmTimers(SlmProperties properties) {
        SlmProperties.Timers timers = properties.timers();
        return new SlmTimers(timers.approvalTimeout(), timers.migrationPoll(), timers.routingCorePoll(),
                timers.retryBeforeTarget(), timers.retryAfterTarget());
    }

    /** Block 380's wait, with its give-up time ({@code slm.timers.routing-core-give-up}, not a timer of the model). */
    @Bean
    RoutingCoreWait routingCoreWait(RoutingCore routingCore, SlmProperties properties) {
        return new RoutingCoreWait(routingCore, properties.timers().routingCoreGiveUp());
    }

    @Bean
    ConnectionRules connectionRules(SlmProperties properties) {
        return new ConnectionRules(properties.connections().tlsPorts(), properties.connections().extendPolicyToPeers());
    }
}
