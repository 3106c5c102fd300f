package com.slm.adapter.strongswan;

import com.slm.adapter.TimeLimitedHealthChecks;
import com.slm.cluster.NodeLeases;
import com.slm.port.Topology;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

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
    ChildSaObservations childSaObservations() {
        return new ChildSaObservations(Clock.systemUTC());
    }

    /** The CHILD_SAs the product keeps up, which the steps write and the watchdog reads. */
    @Bean
    KeptChildren keptChildren(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        return new KeptChildren(jdbc, transactions);
    }

    /** This node's locks and leases of the IKE connections: one instance for the steps and the watchdog together. */
    @Bean
    ConnectionLocks connectionLocks(NodeLeases leases) {
        return new ConnectionLocks(leases);
    }

    @Bean
    StrongswanIpsecGateway strongswanIpsecGateway(ViciGateways gateways, StrongswanProperties settings, Topology topology,
                                                  KeptChildren kept, ConnectionLocks locks) {
        return new StrongswanIpsecGateway(gateways, settings, topology, kept, locks);
    }

    @Bean
    SaHealer saHealer(ViciGateways gateways, StrongswanProperties settings, KeptChildren kept, ConnectionLocks locks,
                      ChildSaObservations observations) {
        return new SaHealer(gateways, settings, kept, locks, observations);
    }

    /** The watchdog's heal passes, one at a time, whether the schedule or charon's event asks for one. */
    @Bean
    HealPasses healPasses(SaHealer healer) {
        return new HealPasses(healer::heal);
    }

    /** charon's down events on every gateway, each asking for a heal pass at once. */
    @Bean
    SaLossEvents saLossEvents(ViciGateways gateways, StrongswanProperties settings, HealPasses passes) {
        return new SaLossEvents(gateways, List.copyOf(settings.gateways().keySet()), passes::request);
    }

    @Bean
    SaWatchdog saWatchdog(SaLossEvents events, HealPasses passes) {
        return new SaWatchdog(events, passes);
    }

    /** {@code slm_ipsec_sa_recoveries_total} at {@code /actuator/prometheus}: the watchdog's recoveries. */
    @Bean
    SaRecoveryMeter saRecoveryMeter(SaHealer healer) {
        return new SaRecoveryMeter(healer);
    }

    /** {@code charon} in the health endpoint (readiness too): VICI {@code version} on each gateway, time-limited. */
    @Bean
    CharonHealthIndicator charonHealthIndicator(ViciGateways gateways, StrongswanProperties settings,
                                                @Value("${slm.health.check-timeout:PT2S}") Duration limit) {
        return new CharonHealthIndicator(gateways, settings, new TimeLimitedHealthChecks("charon-health", limit));
    }

    /**
     * {@code childSas} in the health endpoint (and the group {@code sas}), from the watchdog's passes. What a pass saw
     * is out of date after {@code slm.strongswan.health-stale-after} (default 1 min: a pass against a charon that
     * hangs waits call-timeout twice per list-sas, on both gateways).
     */
    @Bean
    ChildSasHealthIndicator childSasHealthIndicator(ChildSaObservations observations,
                                                    @Value("${slm.strongswan.health-stale-after:PT1M}") Duration staleAfter) {
        return new ChildSasHealthIndicator(observations, Clock.systemUTC(), staleAfter);
    }
}
