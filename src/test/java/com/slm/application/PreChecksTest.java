package com.slm.application;

import com.slm.domain.CheckResult;
import com.slm.port.AdapterNotConfiguredException;
import com.slm.port.Hypervisor;
import com.slm.port.IpsecGateway;
import com.slm.port.PortException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.slm.application.WholeSubnetTest.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The pre-check rules: every check reported, a check that cannot run fails, a missing adapter is no check result. */
class PreChecksTest {
    private final Hypervisor hypervisor = mock(Hypervisor.class);
    private final IpsecGateway ipsec = mock(IpsecGateway.class);
    private final WholeSubnet wholeSubnet = mock(WholeSubnet.class);
    private final PreChecks preChecks = new PreChecks(hypervisor, ipsec, wholeSubnet);

    @Test
    void allPassAndThePlanSaysWhetherTheSubnetMoves() {
        when(hypervisor.preCheck(APP)).thenReturn(List.of(CheckResult.pass("vm-at-source", "app runs at secure/site-a")));
        when(ipsec.probe("secure")).thenReturn(CheckResult.pass("ipsec-secure", "charon answers"));
        when(ipsec.probe("remote")).thenReturn(CheckResult.pass("ipsec-remote", "charon answers"));
        when(wholeSubnet.movesWhole(APP, "192.0.2.0/26")).thenReturn(true);

        PreChecks.Report report = preChecks.run(APP, "192.0.2.11", "192.0.2.0/26");

        assertThat(report.passed()).isTrue();
        assertThat(report.wholeSubnet()).isTrue();
        assertThat(report.results()).extracting(CheckResult::name)
                .containsExactly("vm-address", "vm-at-source", "ipsec-secure", "ipsec-remote");
        assertThat(report.summary()).startsWith("PASS vm-address: 192.0.2.11 in subnet 192.0.2.0/26")
                .endsWith("the whole subnet moves, a site tunnel carries it until the routing core learns the new route.");
    }

    @Test
    void aVmWithoutAnAddressOrADaemonThatDoesNotAnswerFailsItsCheck() {
        when(hypervisor.preCheck(APP)).thenReturn(List.of());
        when(ipsec.probe("secure")).thenThrow(new PortException("charon at secure does not answer", true));
        when(ipsec.probe("remote")).thenReturn(CheckResult.pass("ipsec-remote", "charon answers"));

        PreChecks.Report report = preChecks.run(APP, null, null);

        assertThat(report.passed()).isFalse();
        assertThat(report.failed()).containsExactly("vm-address", "ipsec-secure");
        assertThat(report.results().get(0).detail()).contains("slm.vms.app.address");
        assertThat(report.results().get(1).detail()).isEqualTo("charon at secure does not answer");
        assertThat(report.summary()).doesNotContain("Plan:");
    }

    @Test
    void aMissingAdapterIsNotACheckResult() {
        when(hypervisor.preCheck(APP)).thenThrow(new AdapterNotConfiguredException("Hypervisor", "slm.adapters.hypervisor=libvirt"));
        assertThatThrownBy(() -> preChecks.run(APP, "192.0.2.11", "192.0.2.0/26"))
                .isInstanceOf(AdapterNotConfiguredException.class);
    }
}
