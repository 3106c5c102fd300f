package com.slm.adapter.libvirt;

import com.slm.adapter.libvirt.LibvirtDomains.TargetFacts;
import com.slm.domain.CheckResult;
import com.slm.domain.HostRef;
import com.slm.domain.MigrationProgress;
import com.slm.domain.MigrationRequest;
import com.slm.domain.MigrationState;
import com.slm.domain.VmPlacement;
import com.slm.logging.LogContext;
import com.slm.port.Hypervisor;
import com.slm.port.PortException;
import com.slm.port.Topology;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo.DomainState;
import org.libvirt.LibvirtException;
import org.libvirt.TypedParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The {@link Hypervisor} port on libvirt (libvirt-java 0.5.4 over JNA): QEMU hosts reached by any libvirt URI.
 * Every operation looks before it acts, so a retried step does nothing twice; above all, a migration is
 * started only when no job runs and the VM is still at the source.
 */
public class LibvirtHypervisor implements Hypervisor {
    private static final Logger LOG = LoggerFactory.getLogger(LibvirtHypervisor.class);

    private final LibvirtConnections connections;
    private final Topology topology;
    private final LibvirtProperties settings;
    /** Migrations this process started, by VM name: their outcome is known first-hand. */
    private final Map<String, MigrationJob> jobs = new ConcurrentHashMap<>();
    private final ExecutorService migrations = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "libvirt-migration");
        t.setDaemon(true);
        return t;
    });

    private final LibvirtDomains domains;
    private final LibvirtPreChecks preChecks;
    private final VmLinkControl links;

    LibvirtHypervisor(LibvirtConnections connections, Topology topology, LibvirtProperties settings) {
        this(connections, topology, settings, DomainStateReason::of);
    }

    LibvirtHypervisor(LibvirtConnections connections, Topology topology, LibvirtProperties settings,
                      DomainStateReason.Reader stateReasons) {
        this.connections = connections;
        this.topology = topology;
        this.settings = settings;
        this.domains = new LibvirtDomains(connections, stateReasons);
        this.preChecks = new LibvirtPreChecks(connections, domains, topology, settings);
        this.links = new VmLinkControl(connections, settings);
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

    /**
     * The target is asked first. An incoming migration ends with libvirt's Finish phase at the target, which leaves
     * the domain paused for a reason of its own ({@code paused (user)}: the {@code VIR_MIGRATE_PAUSED} result); from
     * then on the VM is at the target, whatever the source still shows: the source takes another second or two to
     * confirm and stop its QEMU, and every call on the domain there waits for that. Before, the target's domain is
     * {@code paused (starting up)} or {@code paused (migrating)}: the VM is migrating, and the source is not asked
     * either. The state and its reason are libvirt's own record ({@link DomainStateReason}): QEMU is not asked.
     */
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
    public synchronized void startMigration(MigrationRequest request) {
        MigrationPlan plan = MigrationPlan.of(request, topology);
        MigrationJob running = jobs.get(request.vmName());
        if (running != null && !running.done()) {
            if (running.request.source().equals(request.source())) {
                return;
            }
            // the VM is already at the other end (seen as soon as it is there), but libvirt's call for the move there
            // returns only once the old source has stopped its QEMU: the move back waits for that
            awaitDone(running);
        }
        VmPlacement placement = locate(request);
        if (placement != VmPlacement.RUNNING_AT_SOURCE && placement != VmPlacement.PAUSED_AT_SOURCE) {
            LOG.info("Not starting a migration of {}: it is {}", request.vmName(), placement);
            return;
        }
        MigrationJob job = new MigrationJob(request, plan);
        jobs.put(request.vmName(), job);
        // the migration's lines carry the step that started it (block 325), long after that step ended
        job.future = migrations.submit(LogContext.carried(() -> migrate(job)));
        awaitJob(request);
        if (request.maxDowntimeMs() != null) {
            connections.call(request.source(), "set maximum downtime of " + request.vmName(),
                    c -> c.domainLookupByName(request.vmName()).migrateSetMaxDowntime(request.maxDowntimeMs()));
        }
    }

    /** Runs on a migration thread: the blocking peer-to-peer call, then the figures from the destination. */
    private void migrate(MigrationJob job) {
        MigrationRequest request = job.request;
        LOG.info("Migrating {} from {} to {} ({}, {})", request.vmName(), request.source(), request.target(),
                job.plan.destinationUri(), job.plan.tls() ? "TLS" : "clear");
        try {
            // Not through connections.call: this call lasts as long as the migration, by design.
            Connect source = new Connect(connections.hostSettings(request.source()).libvirtUri(), false);
            try {
                Domain domain = source.domainLookupByName(request.vmName());
                domain.migrateToURI(job.plan.destinationUri(), job.plan.parameters().toArray(TypedParameter[]::new), job.plan.flags());
            } finally {
                source.close();
            }
            job.finish(null);
            LOG.info("Migration of {} to {} completed", request.vmName(), request.target());
        } catch (LibvirtException e) {
            job.finish(LibvirtErrors.of(request.source(), "migrate " + request.vmName(), e).getMessage());
            LOG.warn("Migration of {} failed: {}", request.vmName(), job.error);
        } catch (RuntimeException e) {
            job.finish(e.toString());
        }
    }

    private void awaitDone(MigrationJob job) {
        long deadline = System.currentTimeMillis() + settings.startTimeout().toMillis();
        while (!job.done() && System.currentTimeMillis() < deadline) {
            sleep(50);
        }
        if (!job.done()) {
            throw new PortException("the previous migration of VM '" + job.request.vmName() + "' (to "
                    + job.request.target() + ") has not returned yet", true);
        }
    }

    /** Waits until libvirt shows the job (or the migration already ended), so that nobody sees "no job". */
    private void awaitJob(MigrationRequest request) {
        long deadline = System.currentTimeMillis() + settings.startTimeout().toMillis();
        while (System.currentTimeMillis() < deadline) {
            MigrationJob job = jobs.get(request.vmName());
            if (job != null && job.done()) {
                return;
            }
            if (locate(request) != VmPlacement.RUNNING_AT_SOURCE) {
                return;
            }
            sleep(100);
        }
    }

    @Override
    public MigrationProgress migrationProgress(MigrationRequest request) {
        MigrationJob job = jobs.get(request.vmName());
        if (job != null && job.done() && job.error != null) {
            return MigrationProgress.of(MigrationState.FAILED, job.error);
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
                if (job != null && !job.done()) {
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
        MigrationJob job = jobs.get(request.vmName());
        long deadline = System.currentTimeMillis() + settings.callTimeout().toMillis();
        while (job != null && !job.done() && System.currentTimeMillis() < deadline) {
            sleep(100);
        }
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

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortException("interrupted", true, e);
        }
    }

    /** A migration this process started. */
    static final class MigrationJob {
        final MigrationRequest request;
        final MigrationPlan plan;
        volatile Future<?> future;
        volatile boolean done;
        volatile String error;

        MigrationJob(MigrationRequest request, MigrationPlan plan) {
            this.request = request;
            this.plan = plan;
        }

        void finish(String error) {
            this.error = error;
            this.done = true;
        }

        boolean done() {
            return done;
        }
    }

    @Override
    public String toString() {
        return "LibvirtHypervisor" + Arrays.toString(jobs.keySet().toArray());
    }
}
