package com.slm.application;

import com.slm.domain.BlackoutMode;
import com.slm.domain.HostRef;
import com.slm.domain.MigrationRequest;
import com.slm.port.Hypervisor;
import com.slm.port.Topology;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** Blocks 335/375: the subnet moves as a whole when no other known VM of it still runs at the source. */
class WholeSubnetTest {
    static final HostRef SITE_A = new HostRef("secure", "site-a");
    static final HostRef SITE_A2 = new HostRef("secure", "site-a2");
    static final MigrationRequest APP = new MigrationRequest("app", SITE_A, new HostRef("remote", "site-b"), "maintenance",
            null, null, false, BlackoutMode.STRICT);

    private final Hypervisor hypervisor = mock(Hypervisor.class);
    private final Topology topology = mock(Topology.class);
    private final WholeSubnet wholeSubnet = new WholeSubnet(hypervisor, topology);

    @BeforeEach
    void world() {
        when(topology.vmAddresses()).thenReturn(Map.of("app", "192.0.2.11", "db", "192.0.2.10", "web", "192.0.2.74"));
        when(topology.hosts("secure")).thenReturn(List.of(SITE_A, SITE_A2));
    }

    @Test
    void anotherVmOfTheSubnetRunningOnAnyHostKeepsTheSubnet() {
        when(hypervisor.runningAmong(SITE_A, List.of("db"))).thenReturn(List.of());
        when(hypervisor.runningAmong(SITE_A2, List.of("db"))).thenReturn(List.of("db"));
        assertThat(wholeSubnet.stillRunning("secure", "192.0.2.0/26", "app")).containsExactly("db");
        assertThat(wholeSubnet.movesWhole(APP, "192.0.2.0/26")).isFalse();
    }

    @Test
    void theLastVmOfItsSubnetTakesTheSubnetAlong() {
        when(hypervisor.runningAmong(any(), eq(List.of("db")))).thenReturn(List.of());
        assertThat(wholeSubnet.movesWhole(APP, "192.0.2.0/26")).isTrue();
        // only the subnet's other VMs are asked about, by name: never the one that moved
        verify(hypervisor).runningAmong(SITE_A, List.of("db"));
    }

    @Test
    void aSubnetWithNoOtherKnownVmMovesWholeWithoutAskingAndAVmInNoSubnetMovesAlone() {
        assertThat(wholeSubnet.movesWhole(APP, "192.0.2.128/26")).isTrue();
        assertThat(wholeSubnet.stillRunning("secure", "192.0.2.64/26", "web")).isEmpty();
        assertThat(wholeSubnet.movesWhole(APP, null)).isFalse();
        verifyNoInteractions(hypervisor);
    }
}
