package com.slm.adapter.libvirt;

import com.slm.domain.CheckResult;
import com.slm.domain.HostEndpoints;
import com.slm.domain.HostRef;
import com.slm.domain.MigrationRequest;
import org.junit.jupiter.api.Test;
import org.libvirt.CPUCompareResult;
import org.libvirt.DomainInfo.DomainState;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The pre-checks' verdicts on facts as libvirt would give them; no libvirt. */
class MigrationPreCheckRulesTest {
    static final HostRef SOURCE = new HostRef("secure", "site-a");
    static final HostRef TARGET = new HostRef("remote", "site-b");
    static final MigrationRequest REQUEST = new MigrationRequest("app", SOURCE, TARGET, "test", null, null, false, null);
    static final long ONE_GIB_IN_KIB = 1024 * 1024;

    static final String KVM_GUEST = """
            <domain type='kvm'><name>app</name><os><type arch='x86_64' machine='pc'>hvm</type></os>
              <cpu mode='custom' match='exact'><model fallback='forbid'>Skylake-Client</model></cpu>
            </domain>""";
    static final String KVM_GUEST_WITHOUT_CPU = """
            <domain type='kvm'><name>app</name><os><type arch='x86_64' machine='pc'>hvm</type></os></domain>""";
    static final String TCG_GUEST_ARM = """
            <domain type='qemu'><name>app</name><os><type arch='aarch64' machine='virt'>hvm</type></os>
              <cpu mode='custom' match='exact'><model>cortex-a57</model></cpu>
            </domain>""";
    static final String CAPABILITIES_X86_TCG_AND_KVM = """
            <capabilities><host><cpu><arch>x86_64</arch></cpu></host>
              <guest><os_type>hvm</os_type>
                <arch name='x86_64'><wordsize>64</wordsize><emulator>/usr/bin/qemu-system-x86_64</emulator>
                  <machine>pc</machine><domain type='qemu'/><domain type='kvm'/></arch>
              </guest>
            </capabilities>""";

    static DomainFacts vm(DomainState state, long maxMemoryKib, String xml) {
        return new DomainFacts(true, state, maxMemoryKib, false, xml);
    }

    @Test
    void theVmMustRunAtTheSource() {
        assertThat(MigrationPreCheckRules.vmAtSource(REQUEST, Optional.of(vm(DomainState.VIR_DOMAIN_RUNNING, 1, KVM_GUEST))))
                .isEqualTo(CheckResult.pass("vm-at-source", "app runs at secure/site-a"));
        assertThat(MigrationPreCheckRules.vmAtSource(REQUEST, Optional.of(vm(DomainState.VIR_DOMAIN_PAUSED, 1, KVM_GUEST))))
                .isEqualTo(CheckResult.fail("vm-at-source", "app is VIR_DOMAIN_PAUSED at secure/site-a"));
    }

    @Test
    void aVmTheSourceDoesNotKnowFails() {
        assertThat(MigrationPreCheckRules.vmAtSource(REQUEST, Optional.empty()))
                .isEqualTo(CheckResult.fail("vm-at-source", "app does not exist at secure/site-a"));
    }

    @Test
    void theVmMustNotExistAtTheTargetYet() {
        assertThat(MigrationPreCheckRules.notAtTarget(REQUEST, Optional.empty()).passed()).isTrue();
        assertThat(MigrationPreCheckRules.notAtTarget(REQUEST, Optional.of(vm(DomainState.VIR_DOMAIN_SHUTOFF, 1, KVM_GUEST))))
                .isEqualTo(CheckResult.fail("not-at-target", "app already exists at remote/site-b"));
    }

    @Test
    void aVmBiggerThanTheTargetsFreeMemoryLessTheMarginFails() {
        CheckResult tooBig = MigrationPreCheckRules.targetMemory(REQUEST, vm(DomainState.VIR_DOMAIN_RUNNING, ONE_GIB_IN_KIB, KVM_GUEST),
                1024L << 20, 32);
        assertThat(tooBig).isEqualTo(CheckResult.fail("target-memory",
                "remote/site-b has 1024 MiB free; app needs 1024 MiB + 32 MiB margin"));
    }

    @Test
    void aVmThatFitsWithItsMarginPassesEvenToTheLastByte() {
        DomainFacts vm = vm(DomainState.VIR_DOMAIN_RUNNING, ONE_GIB_IN_KIB, KVM_GUEST);
        assertThat(MigrationPreCheckRules.targetMemory(REQUEST, vm, (1024L + 32) << 20, 32).passed()).isTrue();
        assertThat(MigrationPreCheckRules.targetMemory(REQUEST, vm, ((1024L + 32) << 20) - 1, 32).passed()).isFalse();
    }

    @Test
    void aQemuDomainIsAnEmulatedCpuOfItsArchitecture() {
        DomainFacts tcg = vm(DomainState.VIR_DOMAIN_RUNNING, 1, TCG_GUEST_ARM);
        assertThat(MigrationPreCheckRules.emulatedCpu(tcg)).isTrue();
        assertThat(MigrationPreCheckRules.architecture(tcg)).isEqualTo("aarch64");
        assertThat(MigrationPreCheckRules.emulatedCpu(vm(DomainState.VIR_DOMAIN_RUNNING, 1, KVM_GUEST))).isFalse();
    }

    @Test
    void aDomainWithoutArchitectureIsTakenForX86() {
        assertThat(MigrationPreCheckRules.architecture(vm(DomainState.VIR_DOMAIN_RUNNING, 1, "<domain type='qemu'/>")))
                .isEqualTo("x86_64");
    }

    @Test
    void anEmulatedCpuNeedsTcgForItsArchitectureAtTheTarget() {
        assertThat(MigrationPreCheckRules.tcgOffered(REQUEST, "x86_64", CAPABILITIES_X86_TCG_AND_KVM)).isEqualTo(
                CheckResult.pass("cpu-compatible", "emulated CPU (TCG): remote/site-b offers QEMU/TCG for x86_64"));
        assertThat(MigrationPreCheckRules.tcgOffered(REQUEST, "aarch64", CAPABILITIES_X86_TCG_AND_KVM))
                .isEqualTo(CheckResult.fail("cpu-compatible", "remote/site-b offers no QEMU/TCG for aarch64"));
    }

    @Test
    void tcgOfAnotherArchitectureDoesNotCount() {
        String kvmOnlyX86ThenTcgArm = """
                <capabilities>
                  <guest><os_type>hvm</os_type><arch name='x86_64'><machine>pc</machine><domain type='kvm'/></arch></guest>
                  <guest><os_type>hvm</os_type><arch name='aarch64'><machine>virt</machine><domain type='qemu'/></arch></guest>
                </capabilities>""";
        assertThat(MigrationPreCheckRules.tcgOffered(REQUEST, "x86_64", kvmOnlyX86ThenTcgArm))
                .isEqualTo(CheckResult.fail("cpu-compatible", "remote/site-b offers no QEMU/TCG for x86_64"));
        assertThat(MigrationPreCheckRules.tcgOffered(REQUEST, "aarch64", kvmOnlyX86ThenTcgArm).passed()).isTrue();
    }

    @Test
    void theVmsOwnCpuElementIsWhatLibvirtCompares() {
        assertThat(MigrationPreCheckRules.cpuDefinition(vm(DomainState.VIR_DOMAIN_RUNNING, 1, KVM_GUEST)))
                .contains("<cpu mode='custom' match='exact'><model fallback='forbid'>Skylake-Client</model></cpu>");
        assertThat(MigrationPreCheckRules.cpuDefinition(vm(DomainState.VIR_DOMAIN_RUNNING, 1,
                "<domain type='kvm'><cpu mode='host-passthrough'/></domain>"))).contains("<cpu mode='host-passthrough'/>");
        assertThat(MigrationPreCheckRules.cpuDefinition(vm(DomainState.VIR_DOMAIN_RUNNING, 1, KVM_GUEST_WITHOUT_CPU))).isEmpty();
    }

    @Test
    void anIncompatibleCpuModelFailsAndAnIdenticalOrSmallerOnePasses() {
        assertThat(MigrationPreCheckRules.cpuComparison(REQUEST, CPUCompareResult.VIR_CPU_COMPARE_INCOMPATIBLE)).isEqualTo(
                CheckResult.fail("cpu-compatible", "libvirt at remote/site-b finds the VM's CPU VIR_CPU_COMPARE_INCOMPATIBLE"));
        assertThat(MigrationPreCheckRules.cpuComparison(REQUEST, CPUCompareResult.VIR_CPU_COMPARE_ERROR).passed()).isFalse();
        assertThat(MigrationPreCheckRules.cpuComparison(REQUEST, CPUCompareResult.VIR_CPU_COMPARE_IDENTICAL)).isEqualTo(
                CheckResult.pass("cpu-compatible", "the VM's CPU is VIR_CPU_COMPARE_IDENTICAL to remote/site-b"));
        assertThat(MigrationPreCheckRules.cpuComparison(REQUEST, CPUCompareResult.VIR_CPU_COMPARE_SUPERSET).passed()).isTrue();
    }

    @Test
    void theMigrationStreamIsTlsToAnUntrustedTargetOrClearToATrustedOne() {
        MigrationPlan tls = MigrationPlan.of(REQUEST, new HostEndpoints("qemu:///system", "qemu+tls://b/system", "tls://203.0.113.2"), false);
        MigrationPlan clear = MigrationPlan.of(REQUEST, new HostEndpoints("qemu:///system", "qemu+tls://b/system", "tcp://203.0.113.2"), true);
        assertThat(MigrationPreCheckRules.migrationTls(tls))
                .isEqualTo(CheckResult.pass("migration-tls", "migration stream encrypted (QEMU TLS) to tcp://203.0.113.2"));
        assertThat(MigrationPreCheckRules.migrationTls(clear))
                .isEqualTo(CheckResult.pass("migration-tls", "migration in clear to trusted tcp://203.0.113.2"));
    }
}
