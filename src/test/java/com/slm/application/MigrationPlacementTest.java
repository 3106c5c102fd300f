package com.slm.application;

import com.slm.domain.VmPlacement;
import com.slm.domain.VmPolicy;
import com.slm.port.Hypervisor;
import com.slm.port.IpsecGateway;
import com.slm.port.PortException;
import com.slm.port.TrafficSteering;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.slm.application.WholeSubnetTest.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** Where the VM is decides what a start or a roll-back does: nothing is ever done twice or to the wrong place. */
class MigrationPlacementTest {
    private static final VmPolicy PREPARED = new VmPolicy("slm-vm-app", "192.0.2.11", List.of("192.0.2.0/26"), "secure", "remote");

    private final Hypervisor hypervisor = mock(Hypervisor.class);
    private final IpsecGateway ipsec = mock(IpsecGateway.class);
    private final TrafficSteering steering = mock(TrafficSteering.class);
    private final CleartextGuards guards = mock(CleartextGuards.class);
    private final MigrationPlacement placement = new MigrationPlacement(hypervisor, ipsec, steering, guards);

    @Test
    void aMigrationStartsOnlyFromTheSource() {
        when(hypervisor.locate(APP)).thenReturn(VmPlacement.RUNNING_AT_SOURCE, VmPlacement.MIGRATING, VmPlacement.RUNNING_AT_TARGET);
        placement.start(APP);
        placement.start(APP);
        placement.start(APP);
        verify(hypervisor).startMigration(APP);
    }

    @Test
    void aVmFoundNowhereIsNotStarted() {
        when(hypervisor.locate(APP)).thenReturn(VmPlacement.NOT_FOUND);
        assertThatThrownBy(() -> placement.start(APP)).isInstanceOf(PortException.class)
                .hasMessage("VM 'app' is found neither at secure/site-a nor at remote/site-b");
        verify(hypervisor, never()).startMigration(APP);
    }

    @Test
    void aVmStillAtTheSourceLosesItsGuardGetsItsLinksAndLosesThePreparedPath() {
        when(hypervisor.locate(APP)).thenReturn(VmPlacement.PAUSED_AT_SOURCE);
        assertThat(placement.rollBack(APP, PREPARED)).isEqualTo(MigrationPlacement.RollBack.BACK_AT_SOURCE);
        var order = inOrder(hypervisor, guards, ipsec, steering);
        order.verify(hypervisor).abortMigration(APP);
        order.verify(guards).remove(APP);
        order.verify(hypervisor).unblockTraffic(APP.source(), "app");
        order.verify(ipsec).removeVmPolicy(PREPARED);
        verify(steering).release("secure", "192.0.2.11");
        verify(steering).release("remote", "192.0.2.11");
    }

    @Test
    void aVmThatReachedTheTargetAfterAllGoesForward() {
        when(hypervisor.locate(APP)).thenReturn(VmPlacement.PAUSED_AT_TARGET);
        assertThat(placement.rollBack(APP, null)).isEqualTo(MigrationPlacement.RollBack.AT_TARGET);
        verify(hypervisor, never()).unblockTraffic(APP.source(), "app");
        verifyNoInteractions(guards, ipsec, steering);
    }

    @Test
    void aJobThatDoesNotAbortKeepsTheLinksDown() {
        when(hypervisor.locate(APP)).thenReturn(VmPlacement.MIGRATING);
        assertThatThrownBy(() -> placement.rollBack(APP, null)).isInstanceOf(RollBackBlockedException.class)
                .hasMessageContaining("still running after the abort").hasMessageContaining("stay DOWN");
        verify(hypervisor, never()).unblockTraffic(APP.source(), "app");
    }
}
