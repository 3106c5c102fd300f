package com.slm.adapter.strongswan;

import org.springframework.scheduling.annotation.Scheduled;

/**
 * Keeps the product's CHILD_SAs up without an operator: every few seconds ({@code slm.strongswan.watch-interval},
 * default 2 s) it brings back what charon lost, whether charon restarted, DPD closed the IKE_SA, the peer deleted
 * the SA or a rekey failed; and at once when charon itself reports one of them down ({@link SaLossEvents}). The
 * scheduled pass is the fallback that needs no event: it also opens again the event subscription of a charon that
 * restarted. Meanwhile the fail-closed guard drops the traffic, so a gap is an outage, never a leak.
 */
class SaWatchdog {
    private final SaLossEvents events;
    private final HealPasses passes;

    SaWatchdog(SaLossEvents events, HealPasses passes) {
        this.events = events;
        this.passes = passes;
    }

    @Scheduled(fixedDelayString = "${slm.strongswan.watch-interval:PT2S}", initialDelayString = "${slm.strongswan.watch-interval:PT2S}")
    void watch() {
        // subscribed first, so that what goes down during the pass is reported too
        events.keepSubscribed();
        passes.runNow();
    }
}
