package com.slm.adapter.libvirt;

import com.slm.adapter.TimeLimitedHealthChecks;
import com.slm.domain.HostRef;
import com.slm.port.Topology;
import org.libvirt.Connect;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code libvirtd} in {@code /actuator/health}: every configured host's libvirtd answers {@code getLibVersion} on the
 * product's own connection to it (the one the migration steps use, opened again if libvirtd restarted), within the
 * health check's time limit. DOWN names the host and libvirt's error, as an incident would.
 */
class LibvirtdHealthIndicator implements HealthIndicator, AutoCloseable {
    private final LibvirtConnections connections;
    private final Topology topology;
    private final TimeLimitedHealthChecks checks;

    LibvirtdHealthIndicator(LibvirtConnections connections, Topology topology, TimeLimitedHealthChecks checks) {
        this.connections = connections;
        this.topology = topology;
        this.checks = checks;
    }

    @Override
    public Health health() {
        Map<String, Callable<String>> hosts = new LinkedHashMap<>();
        for (HostRef host : topology.hosts()) {
            hosts.put(host.toString(), () -> "libvirt " + version(connections.call(host, "version", Connect::getLibVersion)));
        }
        return checks.health(hosts);
    }

    @Override
    public void close() {
        checks.close();
    }

    /** libvirt's encoding: major * 1,000,000 + minor * 1,000 + release. */
    static String version(long encoded) {
        return encoded / 1_000_000 + "." + encoded / 1_000 % 1_000 + "." + encoded % 1_000;
    }
}
