package com.slm.adapter.strongswan;

import com.slm.config.Environments;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The strongSwan adapter, when {@code slm.adapters.ipsec=strongswan}. */
@Configuration
@ConditionalOnProperty(name = "slm.adapters.ipsec", havingValue = "strongswan")
@EnableConfigurationProperties(StrongswanProperties.class)
public class StrongswanConfiguration {

    @Bean
    ViciGateways viciGateways(StrongswanProperties settings) {
        return new ViciGateways(settings);
    }

    @Bean
    StrongswanIpsecGateway strongswanIpsecGateway(ViciGateways gateways, StrongswanProperties settings, Environments environments,
                                                  JdbcTemplate jdbc) {
        return new StrongswanIpsecGateway(gateways, settings, environments, new KeptChildren(jdbc));
    }

    @Bean
    SaWatchdog saWatchdog(StrongswanIpsecGateway gateway) {
        return new SaWatchdog(gateway);
    }
}
