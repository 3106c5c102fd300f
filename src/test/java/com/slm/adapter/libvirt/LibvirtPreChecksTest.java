package com.slm.adapter.libvirt;

import com.slm.domain.CheckResult;
import com.slm.domain.HostEndpoints;
import com.slm.domain.MigrationRequest;
import com.slm.port.PortException;
import com.slm.port.Topology;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.CPUCompareResult;
import org.libvirt.DomainInfo.DomainState;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static com.slm.adapter.libvirt.MigrationPreCheckRulesTest.CAPABILITIES_X86_TCG_AND_KVM;
import static com.slm.adapter.libvirt.MigrationPreCheckRulesTest.KVM_GUEST;
import static com.slm.adapter.libvirt.MigrationPreCheckRulesTest.ONE_GIB_IN_KIB;
import static com.slm.adapter.libvirt.MigrationPreCheckRulesTest.REQUEST;
import static com.slm.adapter.libvirt.MigrationPreCheckRulesTest.SOURCE;
import static com.slm.adapter.libvirt.MigrationPreCheckRulesTest.TARGET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Which checks run on which facts, and a read that fails is a failed check: libvirt's answers are mocked. */
class LibvirtPreChecksTest {
    static final LibvirtProperties SETTINGS = new LibvirtProperties(32, List.of(), Duration.ofSeconds(30), 5, 3, Duration.ofSeconds(20));

    final LibvirtConnections connections = mock(LibvirtConnections.class);
    final LibvirtDomains domains = mock(LibvirtDomains.class);
    final Topology topology = mock(Topology.class);
    final LibvirtPreChecks preChecks = new LibvirtPreChecks(connections, domains, topology, SETTINGS);

    @BeforeEach
    void aTargetThatTakesTheVm() {
        when(topology.host(TARGET)).thenReturn(Optional.of(new HostEndpoints("qemu:///system", "qemu+tls://b/system", "tls://203.0.113.2")));
        when(domains.facts(SOURCE, "app")).thenReturn(Optional.of(running(KVM_GUEST)));
        when(domains.facts(TARGET, "app")).thenReturn(Optional.empty());
        when(connections.<Long>call(eq(TARGET), eq("read free memory"), any())).thenReturn(4096L << 20);
        when(connections.<CPUCompareResult>call(eq(TARGET), eq("compare CPU"), any())).thenReturn(CPUCompareResult.VIR_CPU_COMPARE_IDENTICAL);
    }

    @Test
    void everyCheckPassesForAVmThatFits() {
        List<CheckResult> results = preChecks.check(REQUEST);
        assertThat(results).extracting(CheckResult::name).containsExactly("vm-at-source", "target-reachable",
                "not-at-target", "target-memory", "cpu-compatible", "migration-tls");
        assertThat(results).as(results.toString()).allMatch(CheckResult::passed);
    }

    @Test
    void aVmMissingAtTheSourceHasNoMemoryOrCpuToCompare() {
        when(domains.facts(SOURCE, "app")).thenReturn(Optional.empty());
        List<CheckResult> results = preChecks.check(REQUEST);
        assertThat(results).extracting(CheckResult::name).containsExactly("vm-at-source", "target-reachable",
                "not-at-target", "migration-tls");
        assertThat(results.get(0).passed()).isFalse();
        verify(connections, never()).call(eq(TARGET), eq("read free memory"), any());
    }

    @Test
    void aTargetThatDoesNotAnswerFailsItsCheckAndTheOthersStillRun() {
        when(domains.facts(TARGET, "app")).thenThrow(new PortException("libvirt on remote/site-b: look up app got no answer within 30 s", true));
        List<CheckResult> results = preChecks.check(REQUEST);
        assertThat(results).containsExactly(
                CheckResult.pass("vm-at-source", "app runs at secure/site-a"),
                CheckResult.fail("target-reachable", "libvirt on remote/site-b: look up app got no answer within 30 s"),
                CheckResult.pass("migration-tls", "migration stream encrypted (QEMU TLS) to tcp://203.0.113.2"));
    }

    @Test
    void aSourceThatDoesNotAnswerFailsTheVmCheck() {
        when(domains.facts(SOURCE, "app")).thenThrow(new PortException("libvirt on secure/site-a: look up app failed", true));
        List<CheckResult> results = preChecks.check(REQUEST);
        assertThat(results.get(0)).isEqualTo(CheckResult.fail("vm-at-source", "libvirt on secure/site-a: look up app failed"));
        assertThat(results).extracting(CheckResult::name).doesNotContain("target-memory", "cpu-compatible");
    }

    @Test
    void aFreeMemoryReadThatFailsIsAFailedMemoryCheck() {
        when(connections.<Long>call(eq(TARGET), eq("read free memory"), any()))
                .thenThrow(new PortException("libvirt on remote/site-b: read free memory failed: VIR_ERR_RPC: gone", true));
        assertThat(preChecks.check(REQUEST)).contains(
                CheckResult.fail("target-memory", "libvirt on remote/site-b: read free memory failed: VIR_ERR_RPC: gone"));
    }

    @Test
    void theMarginComesFromTheSettings() {
        when(domains.facts(SOURCE, "app")).thenReturn(Optional.of(new DomainFacts(true, DomainState.VIR_DOMAIN_RUNNING,
                4 * ONE_GIB_IN_KIB, false, KVM_GUEST)));
        assertThat(preChecks.check(REQUEST)).contains(
                CheckResult.fail("target-memory", "remote/site-b has 4096 MiB free; app needs 4096 MiB + 32 MiB margin"));
    }

    @Test
    void anEmulatedGuestAsksTheTargetsCapabilitiesNotItsCpu() {
        when(domains.facts(SOURCE, "app")).thenReturn(Optional.of(running("<domain type='qemu'><os><type arch='x86_64'>hvm</type></os>"
                + "<cpu mode='custom'><model>qemu64</model></cpu></domain>")));
        when(connections.<String>call(eq(TARGET), eq("read capabilities"), any())).thenReturn(CAPABILITIES_X86_TCG_AND_KVM);
        assertThat(preChecks.check(REQUEST)).contains(
                CheckResult.pass("cpu-compatible", "emulated CPU (TCG): remote/site-b offers QEMU/TCG for x86_64"));
        verify(connections, never()).call(eq(TARGET), eq("compare CPU"), any());
    }

    @Test
    void anUnknownTargetHostFailsTheTlsCheck() {
        when(topology.host(TARGET)).thenReturn(Optional.empty());
        assertThat(preChecks.check(REQUEST)).contains(CheckResult.fail("migration-tls",
                "Unknown host remote/site-b: not under slm.environments.remote.hosts"));
    }

    static DomainFacts running(String xml) {
        return new DomainFacts(true, DomainState.VIR_DOMAIN_RUNNING, ONE_GIB_IN_KIB, false, xml);
    }
}
