package com.slm.adapter.libvirt;

import com.slm.domain.CheckResult;
import com.slm.domain.MigrationRequest;
import org.libvirt.CPUCompareResult;
import org.libvirt.DomainInfo.DomainState;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The verdicts of the hypervisor's pre-checks on facts already read from libvirt: no call to libvirt here, so each
 * rule can be tried on any facts ({@link LibvirtPreChecks} reads them).
 */
final class MigrationPreCheckRules {
    static final String VM_AT_SOURCE = "vm-at-source";
    static final String TARGET_REACHABLE = "target-reachable";
    static final String NOT_AT_TARGET = "not-at-target";
    static final String TARGET_MEMORY = "target-memory";
    static final String CPU_COMPATIBLE = "cpu-compatible";
    static final String MIGRATION_TLS = "migration-tls";

    private static final Pattern CPU = Pattern.compile("<cpu[\\s>].*?</cpu>|<cpu[^>]*/>", Pattern.DOTALL);
    private static final Pattern EMULATED = Pattern.compile("(?s)\\s*<domain[^>]*type=['\"]qemu['\"].*");
    private static final Pattern ARCH = Pattern.compile("arch=['\"]([^'\"]+)['\"]");
    /** What QEMU assumes when the domain names no architecture. */
    private static final String DEFAULT_ARCH = "x86_64";

    private MigrationPreCheckRules() {
    }

    /** The source's answer about the VM: empty when it has no such domain. */
    static CheckResult vmAtSource(MigrationRequest request, Optional<DomainFacts> atSource) {
        return atSource.map(f -> f.state() == DomainState.VIR_DOMAIN_RUNNING
                        ? CheckResult.pass(VM_AT_SOURCE, request.vmName() + " runs at " + request.source())
                        : CheckResult.fail(VM_AT_SOURCE, request.vmName() + " is " + f.state() + " at " + request.source()))
                .orElse(CheckResult.fail(VM_AT_SOURCE, request.vmName() + " does not exist at " + request.source()));
    }

    static CheckResult targetReachable(MigrationRequest request) {
        return CheckResult.pass(TARGET_REACHABLE, "libvirtd at " + request.target() + " answers");
    }

    /** The target's answer about the VM: empty when it has no such domain. */
    static CheckResult notAtTarget(MigrationRequest request, Optional<DomainFacts> atTarget) {
        return atTarget.isEmpty()
                ? CheckResult.pass(NOT_AT_TARGET, request.vmName() + " is not at " + request.target())
                : CheckResult.fail(NOT_AT_TARGET, request.vmName() + " already exists at " + request.target());
    }

    /** The VM's whole memory plus the margin must be free at the target, or the target's QEMU cannot take it in. */
    static CheckResult targetMemory(MigrationRequest request, DomainFacts vm, long targetFreeBytes, long marginMib) {
        long needBytes = vm.maxMemoryKib() * 1024 + marginMib * 1024 * 1024;
        String detail = request.target() + " has " + (targetFreeBytes >> 20) + " MiB free; " + request.vmName()
                + " needs " + (vm.maxMemoryKib() >> 10) + " MiB + " + marginMib + " MiB margin";
        return targetFreeBytes >= needBytes
                ? CheckResult.pass(TARGET_MEMORY, detail)
                : CheckResult.fail(TARGET_MEMORY, detail);
    }

    /**
     * A QEMU (TCG) guest's CPU is emulated, so the host CPU does not matter: what matters is that the target offers
     * TCG for the guest's architecture. A KVM guest runs on the host's CPU instead.
     */
    static boolean emulatedCpu(DomainFacts vm) {
        return EMULATED.matcher(vm.xml()).matches();
    }

    static String architecture(DomainFacts vm) {
        Matcher m = ARCH.matcher(vm.xml());
        return m.find() ? m.group(1) : DEFAULT_ARCH;
    }

    /**
     * The target offers TCG for an architecture when its capabilities list a 'qemu' domain type inside that
     * architecture's own element (not in a later guest's: the match stops at its {@code </arch>}).
     */
    static CheckResult tcgOffered(MigrationRequest request, String architecture, String targetCapabilities) {
        boolean offered = Pattern.compile("(?s)<arch name=['\"]" + Pattern.quote(architecture)
                + "['\"]>(?:(?!</arch>).)*<domain type=['\"]qemu['\"]").matcher(targetCapabilities).find();
        return offered
                ? CheckResult.pass(CPU_COMPATIBLE, "emulated CPU (TCG): " + request.target() + " offers QEMU/TCG for " + architecture)
                : CheckResult.fail(CPU_COMPATIBLE, request.target() + " offers no QEMU/TCG for " + architecture);
    }

    /** The VM's own CPU element, for libvirt to compare with the target host's; empty when it uses the default. */
    static Optional<String> cpuDefinition(DomainFacts vm) {
        Matcher cpu = CPU.matcher(vm.xml());
        return cpu.find() ? Optional.of(cpu.group()) : Optional.empty();
    }

    static CheckResult hypervisorDefaultCpu() {
        return CheckResult.pass(CPU_COMPATIBLE, "the VM has no CPU model of its own (hypervisor default)");
    }

    static CheckResult cpuComparison(MigrationRequest request, CPUCompareResult result) {
        return result == CPUCompareResult.VIR_CPU_COMPARE_INCOMPATIBLE || result == CPUCompareResult.VIR_CPU_COMPARE_ERROR
                ? CheckResult.fail(CPU_COMPATIBLE, "libvirt at " + request.target() + " finds the VM's CPU " + result)
                : CheckResult.pass(CPU_COMPATIBLE, "the VM's CPU is " + result + " to " + request.target());
    }

    static CheckResult migrationTls(MigrationPlan plan) {
        return CheckResult.pass(MIGRATION_TLS, plan.tls()
                ? "migration stream encrypted (QEMU TLS) to " + plan.migrationUri()
                : "migration in clear to trusted " + plan.migrationUri());
    }
}
