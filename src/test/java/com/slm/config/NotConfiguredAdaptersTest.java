package com.slm.config;

import com.slm.domain.HostRef;
import com.slm.port.AdapterNotConfiguredException;
import com.slm.port.Hypervisor;
import com.slm.port.TrafficSteering;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A port without its adapter refuses every call, its default methods too, with the message the incident shows. */
class NotConfiguredAdaptersTest {
    private final NotConfiguredAdapters adapters = new NotConfiguredAdapters();

    @Test
    void everyCallNamesTheMissingAdapterAndItsSetting() {
        Hypervisor hypervisor = adapters.notConfiguredHypervisor();
        assertThatThrownBy(() -> hypervisor.runningVms(new HostRef("secure", "site-a")))
                .isInstanceOf(AdapterNotConfiguredException.class)
                .hasMessage("No Hypervisor adapter is configured: set slm.adapters.hypervisor=libvirt (see README) "
                        + "and retry this step");
        assertThatThrownBy(() -> hypervisor.runningAmong(new HostRef("secure", "site-a"), List.of("app")))
                .isInstanceOf(AdapterNotConfiguredException.class);
        TrafficSteering steering = adapters.notConfiguredTrafficSteering();
        assertThatThrownBy(() -> steering.hold("secure", "192.0.2.11"))
                .hasMessage("No TrafficSteering adapter is configured: set slm.adapters.steering=hook (see README) "
                        + "and retry this step");
    }

    @Test
    void itCanBeNamedAndComparedWithoutFailing() {
        Hypervisor hypervisor = adapters.notConfiguredHypervisor();
        assertThat(hypervisor.toString()).isEqualTo("not configured Hypervisor (slm.adapters.hypervisor=libvirt)");
        assertThat(hypervisor).isEqualTo(hypervisor).isNotEqualTo(adapters.notConfiguredHypervisor());
        assertThat(hypervisor.hashCode()).isEqualTo(System.identityHashCode(hypervisor));
    }
}
