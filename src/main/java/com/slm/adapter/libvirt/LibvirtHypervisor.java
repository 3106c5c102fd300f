package com.slm.adapter.libvirt;

import com.slm.adapter.libvirt.LibvirtDomains.TargetFacts;
import com.slm.domain.CheckResult;
import com.slm.domain.HostRef;
import com.slm.domain.MigrationProgress;
import com.slm.domain.MigrationRequest;
import com.slm.domain.MigrationState;
import com.slm.domain.VmPlacement;
import com.slm.port.Hypervisor;
import com.slm.port.PortException;
import com.slm.port.Topology;
import org.libvirt.DomainInfo.DomainState;
import org.libvirt.LibvirtException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The {@link Hypervisor} port on libvirt (libvirt-java 0.5.4 over JNA): QEMU hosts reached by any libvirt URI.
 * Every operation looks before it acts, so a retried step does nothing twice; above all, a migration is
 * started only when no job runs and the VM is still at the source. The pre-checks ({@link LibvirtPreChecks}), the
 * links ({@link VmLinkControl}) and the migration threads ({@link MigrationJobRunner}) are parts of their own; what
 * stays here is where the VM is and what its migration is doing, which all of the port's answers rest on.
 */
public class LibvirtHypervisor implements Hypervisor {
    private final LibvirtConnections connections;
    private final Topology topology;
    private final LibvirtProperties settings;
    private final LibvirtDomains domains;
    private final LibvirtPreChecks preChecks;
    private final VmLinkControl links;
    private final MigrationJobRunner jobs;

    /** The adapter with parts of its own, for tests that drive it without Spring. */
    LibvirtHypervisor(LibvirtConnections connections, Topology topology, LibvirtProperties settings) {
        this(connections, topology, settings, DomainStateReason::of);
    }

    LibvirtHypervisor(LibvirtConnections connections, Topology topology, LibvirtProperties settings,
                      DomainStateReason.Reader stateReasons) {
        this(connections, topology, settings, new LibvirtDomains(connections, stateReasons));
    }

    private LibvirtHypervisor(LibvirtConnections connections, Topology topology, LibvirtProperties settings,
                              LibvirtDomains domains) {
        this(connections, topology, settings, domains, new LibvirtPreChecks(connections, domains, topology, settings),
                new VmLinkControl(connections, settings),
                new MigrationJobRunner(new PeerToPeerMigration(connections), settings));
    }

    LibvirtHypervisor(LibvirtConnections connections, Topology topology, LibvirtProperties settings,
                      LibvirtDomains domains, LibvirtPreChecks preChecks, VmLinkControl links, MigrationJobRunner jobs) {
        this.connections = connections;
        this.topology = topology;
        this.settings = settings;
        this.domains = domains;
        this.preChecks = preChecks;
        this.links = links;
        this.jobs = jobs;
    }

    // ---- pre-checks ------------------------------------------------------------------------------------

    @Override
    public List<CheckResult> preCheck(MigrationRequest request) {
        return preChecks.check(request);
    }

    // ---- inventory -------------------------------------------------------------------------------------

    @Override
    public List<String> runningVms(HostRef host) {
        return connections.call(host, "list running domains", c -> {
            List<String> names = new ArrayList<>();
            for (int id : c.listDomains()) {
                names.add(c.domainLookupByID(id).getName());
            }
            return names;
        });
    }

    @Override
    public List<String> runningAmong(HostRef host, Collection<String> vmNames) {
        return connections.call(host, "look up " + vmNames, c -> {
            List<String> running = new ArrayList<>();
            for (String name : vmNames) {
                try {
                    if (c.domainLookupByName(name).isActive() == 1) {
                        running.add(name);
                    }
                } catch (LibvirtException e) {
                    if (!LibvirtErrors.isNoDomain(e)) {
                        throw e;
                    }
                }
            }
            return running;
        });
    }

    /**
     * The target is asked first. An incoming migration ends with libvirt's Finish phase at the target, which leaves
     * the domain paused for a reason of its own ({@code paused (user)}: the {@code VIR_MIGRATE_PAUSED} result); from
     * then on the VM is at the target, whatever the source still shows: the source takes another second or two to
     * confirm and stop its QEMU, and every call on the domain there waits for that. Before, the target's domain is
     * {@code paused (starting up)} or {@code paused (migrating)}: the VM is migrating, and the source is not asked
     * either. The state and its reason are libvirt's own record ({@link DomainStateReason}): QEMU is not asked.
     */
    @Override
    public VmPlacement locate(MigrationRequest request) {
        Optional<TargetFacts> atTarget = domains.targetFacts(request);
        if (atTarget.isPresent()) {
            TargetFacts t = atTarget.get();
            if (!t.incomingDone()) {
                return VmPlacement.MIGRATING;
            }
            return t.state() == DomainState.VIR_DOMAIN_PAUSED ? VmPlacement.PAUSED_AT_TARGET : VmPlacement.RUNNING_AT_TARGET;
        }
        Optional<DomainFacts> source = domains.facts(request.source(), request.vmName());
        if (source.isPresent() && source.get().active()) {
            if (source.get().jobRunning()) {
                return VmPlacement.MIGRATING;
            }
            return source.get().state() == DomainState.VIR_DOMAIN_PAUSED ? VmPlacement.PAUSED_AT_SOURCE : VmPlacement.RUNNING_AT_SOURCE;
        }
        Optional<DomainFacts> target = domains.facts(request.target(), request.vmName());
        if (target.isPresent() && target.get().active()) {
            return target.get().state() == DomainState.VIR_DOMAIN_PAUSED ? VmPlacement.PAUSED_AT_TARGET : VmPlacement.RUNNING_AT_TARGET;
        }
        return VmPlacement.NOT_FOUND;
    }

    // ---- traffic (blocks 320, 370) ----------------------------------------------------------------------

    @Override
    public void blockTraffic(HostRef host, String vmName) {
        links.block(host, vmName);
    }

    @Override
    public void unblockTraffic(HostRef host, String vmName) {
        links.unblock(host, vmName);
    }

    // ---- migration (blocks 325, 330, 345) ---------------------------------------------------------------

    @Override
    public void startMigration(MigrationRequest request) {
        MigrationPlan plan = MigrationPlan.of(request, topology);
        if (jobs.start(request, plan, () -> locate(request)) && request.maxDowntimeMs() != null) {
            connections.call(request.source(), "set maximum downtime of " + request.vmName(),
                    c -> c.domainLookupByName(request.vmName()).migrateSetMaxDowntime(request.maxDowntimeMs()));
        }
    }

    @Override
    public MigrationProgress migrationProgress(MigrationRequest request) {
        Optional<MigrationJob> job = jobs.lastStarted(request.vmName());
        Optional<String> failure = job.flatMap(MigrationJob::failure);
        if (failure.isPresent()) {
            return MigrationProgress.of(MigrationState.FAILED, failure.get());
        }
        VmPlacement placement = locate(request);
        switch (placement) {
            case MIGRATING -> {
                if (pausedAtSource(request)) {
                    // the last copy: the source's QEMU is busy and a statistics query would wait for it
                    return MigrationProgress.of(MigrationState.RUNNING, "switching over: paused at " + request.source());
                }
                Optional<JobStats> read = domains.sourceJobStats(request);
                if (read.isEmpty()) {
                    // The migration ended between locate and this read and the source undefined the domain: the
                    // VM left the source, it did not fail. Look for it at the target, as block 330's next visit would.
                    VmPlacement now = locate(request);
                    return now == VmPlacement.PAUSED_AT_TARGET || now == VmPlacement.RUNNING_AT_TARGET
                            ? completed(request, now)
                            : MigrationProgress.of(MigrationState.RUNNING, "left " + request.source() + ", not yet seen at " + request.target());
                }
                JobStats stats = read.get();
                return new MigrationProgress(MigrationState.RUNNING, stats.percent(), stats.get("data_processed"),
                        stats.get("data_remaining"), stats.get("memory_iteration"), stats.get("time_elapsed"), -1, -1,
                        "migrating: " + stats.percent() + " %", stats.memoryTransfer());
            }
            case PAUSED_AT_TARGET, RUNNING_AT_TARGET -> {
                return completed(request, placement);
            }
            case RUNNING_AT_SOURCE, PAUSED_AT_SOURCE -> {
                if (job.isPresent() && !job.get().ended()) {
                    return MigrationProgress.of(MigrationState.RUNNING, "starting");
                }
                return MigrationProgress.of(MigrationState.NOT_STARTED, "no migration job; VM at " + request.source());
            }
            default -> {
                return MigrationProgress.of(MigrationState.FAILED, "VM '" + request.vmName() + "' is at neither host");
            }
        }
    }

    private MigrationProgress completed(MigrationRequest request, VmPlacement placement) {
        JobStats done = domains.completedStats(request);
        return new MigrationProgress(MigrationState.COMPLETED, 100, done.get("data_processed"), 0,
                done.get("memory_iteration"), done.get("time_elapsed"), done.get("downtime"),
                done.get("data_processed"), "at " + request.target() + " (" + placement + ")");
    }

    /** Whether the source shows the domain paused. */
    private boolean pausedAtSource(MigrationRequest request) {
        return domains.sourceState(request).filter(state -> state == DomainState.VIR_DOMAIN_PAUSED).isPresent();
    }

    @Override
    public void abortMigration(MigrationRequest request) {
        if (locate(request) == VmPlacement.MIGRATING) {
            try {
                connections.call(request.source(), "abort migration of " + request.vmName(),
                        c -> c.domainLookupByName(request.vmName()).abortJob());
            } catch (PortException e) {
                if (locate(request) == VmPlacement.MIGRATING) {
                    throw e;
                }
            }
        }
        jobs.awaitEnd(request.vmName(), settings.callTimeout());
    }

    @Override
    public void resumeAtTarget(MigrationRequest request) {
        Optional<DomainFacts> target = domains.facts(request.target(), request.vmName());
        if (target.isEmpty() || !target.get().active()) {
            throw new PortException("VM '" + request.vmName() + "' does not run at " + request.target(), false);
        }
        if (target.get().state() == DomainState.VIR_DOMAIN_PAUSED) {
            connections.call(request.target(), "resume " + request.vmName(), c -> {
                c.domainLookupByName(request.vmName()).resume();
                return null;
            });
        }
    }

    @Override
    public String toString() {
        return "LibvirtHypervisor" + jobs;
    }
}
