package com.slm.adapter.strongswan;

import com.slm.adapter.TimeLimitedHealthChecks;
import com.slm.adapter.strongswan.vici.ViciClient;
import com.slm.adapter.strongswan.vici.ViciVersion;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code charon} in {@code /actuator/health} (readiness too): every configured gateway's charon answers VICI
 * {@code version} on the product's own VICI connection to it, within the health check's time limit. DOWN names the
 * environment and the VICI socket, as the adapter's errors do; credentials are files the adapter reads only when it
 * loads them into charon, never here.
 */
class CharonHealthIndicator implements HealthIndicator, AutoCloseable {
    private final ViciGateways gateways;
    private final StrongswanProperties settings;
    private final TimeLimitedHealthChecks checks;

    CharonHealthIndicator(ViciGateways gateways, StrongswanProperties settings, TimeLimitedHealthChecks checks) {
        this.gateways = gateways;
        this.settings = settings;
        this.checks = checks;
    }

    @Override
    public Health health() {
        Map<String, Callable<String>> each = new LinkedHashMap<>();
        for (String environment : new TreeSet<>(settings.gateways().keySet())) {
            each.put(environment, () -> describe(gateways.call(environment, "version", ViciClient::version)));
        }
        return checks.health(each);
    }

    private static String describe(ViciVersion version) {
        return version.daemon() + " " + version.version();
    }

    @Override
    public void close() {
        checks.close();
    }
}
