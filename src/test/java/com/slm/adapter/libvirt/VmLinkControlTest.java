package com.slm.adapter.libvirt;

import com.slm.domain.HostRef;
import com.slm.port.PortException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.startsWith;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Which links are switched and when a switch counts as done; libvirt's answers are mocked. */
class VmLinkControlTest {
    static final HostRef HOST = new HostRef("secure", "site-a");
    static final String BOTH_UP = domain("up", "up");
    static final String BOTH_DOWN = domain("down", "down");
    static final String FIRST_DOWN = domain("down", "up");

    final LibvirtConnections connections = mock(LibvirtConnections.class);

    VmLinkControl control(List<String> interfaces) {
        return new VmLinkControl(connections, new LibvirtProperties(32, interfaces, Duration.ofSeconds(30), 5, 3, Duration.ofSeconds(20)));
    }

    void liveXml(String first, String... then) {
        when(connections.<String>call(eq(HOST), eq("read live XML of app"), any())).thenReturn(first, then);
    }

    @Test
    void onlyTheLinksInTheOtherStateAreSwitched() {
        liveXml(FIRST_DOWN, BOTH_DOWN);
        control(List.of()).block(HOST, "app");
        verify(connections).call(eq(HOST), eq("set link down on app 52:54:00:00:02:12"), any());
        verify(connections, never()).call(eq(HOST), eq("set link down on app 52:54:00:00:02:11"), any());
    }

    @Test
    void linksAlreadyUpAreLeftAlone() {
        liveXml(BOTH_UP, BOTH_UP);
        control(List.of()).unblock(HOST, "app");
        verify(connections, never()).call(eq(HOST), eq("set link up on app 52:54:00:00:02:11"), any());
    }

    @Test
    void onlyTheSelectedInterfacesCount() {
        liveXml(FIRST_DOWN, FIRST_DOWN);
        control(List.of("vnet0")).block(HOST, "app");
        verify(connections, never()).call(eq(HOST), eq("set link down on app 52:54:00:00:02:12"), any());
    }

    @Test
    void aLinkStillUpInTheLiveXmlAfterTheChangeIsARetryableFailure() {
        liveXml(BOTH_UP, FIRST_DOWN);
        assertThatThrownBy(() -> control(List.of()).block(HOST, "app"))
                .isInstanceOf(PortException.class)
                .hasMessage("libvirt on secure/site-a accepted the link change of VM 'app' but its live XML still shows a link up")
                .matches(e -> ((PortException) e).isRetryable());
    }

    @Test
    void aVmWithoutASelectedInterfaceCannotBeBlocked() {
        liveXml(BOTH_UP);
        assertThatThrownBy(() -> control(List.of("eth9")).block(HOST, "app"))
                .isInstanceOf(PortException.class)
                .hasMessage("VM 'app' at secure/site-a has no network interface matching [eth9]")
                .matches(e -> !((PortException) e).isRetryable());
        verify(connections, never()).call(eq(HOST), startsWith("set link"), any());
    }

    static String domain(String first, String second) {
        return """
                <domain type='qemu'><name>app</name><devices>
                  <interface type='bridge'><mac address='52:54:00:00:02:11'/><source bridge='br-s1'/>
                    <link state='%s'/><target dev='vnet0'/></interface>
                  <interface type='bridge'><mac address='52:54:00:00:02:12'/><source bridge='br-s2'/>
                    <link state='%s'/><target dev='vnet1'/></interface>
                </devices></domain>""".formatted(first, second);
    }
}
