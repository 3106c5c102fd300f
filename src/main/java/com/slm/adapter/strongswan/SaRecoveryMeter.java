package com.slm.adapter.strongswan;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * {@code slm_ipsec_sa_recoveries_total}: how often the IPsec watchdog brought back a kept CHILD_SA that was not
 * INSTALLED on both gateways, since the product started. Read from the {@link SaHealer}'s own count at scrape time; no tag
 * (the CHILD_SA's name would name the VM: its details are in the health endpoint's {@code childSas}).
 */
class SaRecoveryMeter implements MeterBinder {
    private final SaHealer healer;

    SaRecoveryMeter(SaHealer healer) {
        this.healer = healer;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("slm.ipsec.sa.recoveries", healer, SaHealer::recoveries)
                .description("CHILD_SAs the IPsec watchdog brought back (re-initiated) since the product started")
                .register(registry);
    }
}
