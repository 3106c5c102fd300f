package com.slm.adapter.libvirt;

import com.slm.domain.CheckResult;
import com.slm.domain.MigrationRequest;
import com.slm.port.PortException;
import com.slm.port.Topology;
import org.libvirt.CPUCompareResult;
import org.libvirt.Connect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static com.slm.adapter.libvirt.MigrationPreCheckRules.CPU_COMPATIBLE;
import static com.slm.adapter.libvirt.MigrationPreCheckRules.MIGRATION_TLS;
import static com.slm.adapter.libvirt.MigrationPreCheckRules.TARGET_MEMORY;
import static com.slm.adapter.libvirt.MigrationPreCheckRules.TARGET_REACHABLE;
import static com.slm.adapter.libvirt.MigrationPreCheckRules.VM_AT_SOURCE;

/**
 * The hypervisor's pre-checks: reads from libvirt what {@link MigrationPreCheckRules} judges. A read that fails is a
 * failed check naming the cause, never an exception: the approver sees every check at once.
 */
class LibvirtPreChecks {
    private final LibvirtConnections connections;
    private final LibvirtDomains domains;
    private final Topology topology;
    private final LibvirtProperties settings;

    LibvirtPreChecks(LibvirtConnections connections, LibvirtDomains domains, Topology topology, LibvirtProperties settings) {
        this.connections = connections;
        this.domains = domains;
        this.topology = topology;
        this.settings = settings;
    }

    List<CheckResult> check(MigrationRequest request) {
        List<CheckResult> results = new ArrayList<>();
        String vm = request.vmName();
        Optional<DomainFacts> atSource = read(results, VM_AT_SOURCE, () -> domains.facts(request.source(), vm));
        if (atSource != null) {
            results.add(MigrationPreCheckRules.vmAtSource(request, atSource));
        }
        Optional<DomainFacts> atTarget = read(results, TARGET_REACHABLE, () -> domains.facts(request.target(), vm));
        if (atTarget != null) {
            results.add(MigrationPreCheckRules.targetReachable(request));
            results.add(MigrationPreCheckRules.notAtTarget(request, atTarget));
            // memory and CPU are the VM's against the target's: both must have answered, and the VM must exist
            if (atSource != null && atSource.isPresent()) {
                results.add(memory(request, atSource.get()));
                results.add(cpu(request, atSource.get()));
            }
        }
        results.add(judged(MIGRATION_TLS, () -> MigrationPreCheckRules.migrationTls(MigrationPlan.of(request, topology))));
        return results;
    }

    private CheckResult memory(MigrationRequest request, DomainFacts vm) {
        return judged(TARGET_MEMORY, () -> {
            long free = connections.call(request.target(), "read free memory", Connect::getFreeMemory);
            return MigrationPreCheckRules.targetMemory(request, vm, free, settings.memoryMarginMib());
        });
    }

    private CheckResult cpu(MigrationRequest request, DomainFacts vm) {
        if (MigrationPreCheckRules.emulatedCpu(vm)) {
            String architecture = MigrationPreCheckRules.architecture(vm);
            return judged(CPU_COMPATIBLE, () -> MigrationPreCheckRules.tcgOffered(request, architecture,
                    connections.call(request.target(), "read capabilities", Connect::getCapabilities)));
        }
        Optional<String> definition = MigrationPreCheckRules.cpuDefinition(vm);
        if (definition.isEmpty()) {
            return MigrationPreCheckRules.hypervisorDefaultCpu();
        }
        return judged(CPU_COMPATIBLE, () -> {
            CPUCompareResult result = connections.call(request.target(), "compare CPU", c -> c.compareCPU(definition.get()));
            return MigrationPreCheckRules.cpuComparison(request, result);
        });
    }

    /** The check's verdict, or its failure when libvirt could not tell (the message names host and cause). */
    private static CheckResult judged(String name, Supplier<CheckResult> check) {
        try {
            return check.get();
        } catch (PortException e) {
            return CheckResult.fail(name, e.getMessage());
        }
    }

    /** The facts, or {@code null} once the failure is recorded under the check's name: no verdict on them then. */
    private static <T> T read(List<CheckResult> results, String name, Supplier<T> facts) {
        try {
            return facts.get();
        } catch (PortException e) {
            results.add(CheckResult.fail(name, e.getMessage()));
            return null;
        }
    }
}
