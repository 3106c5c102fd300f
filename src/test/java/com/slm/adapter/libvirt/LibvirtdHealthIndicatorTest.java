package com.slm.adapter.libvirt;

import com.slm.adapter.TimeLimitedHealthChecks;
import com.slm.adapter.properties.PropertiesTopology;
import com.slm.adapter.properties.TopologyProperties;
import com.slm.domain.HostEndpoints;
import com.slm.domain.HostRef;
import com.slm.port.PortException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Each configured host's libvirtd, by name: its version when it answers, libvirt's error when not. */
class LibvirtdHealthIndicatorTest {
    private static final HostRef SITE_A = new HostRef("secure", "site-a");
    private static final HostRef SITE_B = new HostRef("remote", "site-b");

    @Test
    void everyHostIsNamedWithItsVersionOrItsError() {
        LibvirtConnections connections = mock(LibvirtConnections.class);
        when(connections.call(eq(SITE_A), anyString(), any())).thenReturn(9_000_000L);
        when(connections.call(eq(SITE_B), anyString(), any())).thenThrow(new PortException(
                "libvirt on remote/site-b: version failed: Cannot recv data: Connection reset by peer", true));
        LibvirtdHealthIndicator indicator = new LibvirtdHealthIndicator(connections, topology(),
                new TimeLimitedHealthChecks("test", Duration.ofSeconds(2)));

        Health health = indicator.health();
        indicator.close();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("secure/site-a")).isEqualTo(Map.of("status", "UP", "found", "libvirt 9.0.0"));
        assertThat(health.getDetails().get("remote/site-b")).isEqualTo(Map.of("status", "DOWN",
                "error", "libvirt on remote/site-b: version failed: Cannot recv data: Connection reset by peer"));
    }

    @Test
    void versionsAreReadAsLibvirtEncodesThem() {
        assertThat(LibvirtdHealthIndicator.version(9_000_000L)).isEqualTo("9.0.0");
        assertThat(LibvirtdHealthIndicator.version(10_002_003L)).isEqualTo("10.2.3");
    }

    private static PropertiesTopology topology() {
        HostEndpoints host = new HostEndpoints("qemu+unix:///system?socket=/nonexistent", null, "tls://203.0.113.1");
        return new PropertiesTopology(new TopologyProperties(Map.of(
                "secure", new TopologyProperties.Environment("A", true, null, Map.of("site-a", host), null),
                "remote", new TopologyProperties.Environment("B", false, null, Map.of("site-b", host), null)), null));
    }
}
