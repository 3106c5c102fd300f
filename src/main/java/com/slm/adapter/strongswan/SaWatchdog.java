package com.slm.adapter.strongswan;

import org.springframework.scheduling.annotation.Scheduled;

/**
 * Keeps the product's CHILD_SAs up without an operator: every few seconds ({@code slm.strongswan.watch-interval},
 * default 2 s) it brings back what charon lost, whether charon restarted, DPD closed the IKE_SA, the peer deleted
 * the SA or a rekey failed. Meanwhile the fail-closed guard drops the traffic, so a gap is an outage, never a leak.
 */
class SaWatchdog {
    private final StrongswanIpsecGateway gateway;

    SaWatchdog(StrongswanIpsecGateway gateway) {
        this.gateway = gateway;
    }

    @Scheduled(fixedDelayString = "${slm.strongswan.watch-interval:PT2S}", initialDelayString = "${slm.strongswan.watch-interval:PT2S}")
    void watch() {
        gateway.heal();
    }
}
