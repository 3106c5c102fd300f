package com.slm.adapter.libvirt;

import com.slm.domain.MigrationRequest;
import com.slm.domain.VmPlacement;
import com.slm.logging.LogContext;
import com.slm.port.PortException;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Runs the migrations this process starts, each on a thread of its own (libvirt's peer-to-peer call blocks for the
 * whole migration), and keeps each VM's last one. A start claims its VM in one atomic step on that map, so two starts
 * of one VM cannot both migrate it, and starts of different VMs never wait for each other. Every wait is on a job's
 * latch or on libvirt's answer, never inside a lock.
 */
class MigrationJobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationJobRunner.class);
    private static final Duration BETWEEN_LOOKS = Duration.ofMillis(100);

    /** libvirt's call that moves the VM: it returns once the migration has ended, moved or not. */
    interface BlockingMigration {
        void migrate(MigrationRequest request, MigrationPlan plan) throws LibvirtException;
    }

    private final BlockingMigration migration;
    private final LibvirtProperties settings;
    /** By VM name: the VM's claimed or last started migration. */
    private final Map<String, MigrationJob> jobs = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "libvirt-migration");
        t.setDaemon(true);
        return t;
    });

    MigrationJobRunner(BlockingMigration migration, LibvirtProperties settings) {
        this.migration = migration;
        this.settings = settings;
    }

    /**
     * Starts the VM's migration, unless one this process started from the same source still runs or the VM is not at
     * the source ({@code placement} says where it is now). Returns whether it started one, once libvirt shows its job
     * or it already ended: whoever looks right after the start must not see "no job".
     */
    boolean start(MigrationRequest request, MigrationPlan plan, Supplier<VmPlacement> placement) {
        MigrationJob job = claim(request, plan);
        if (job == null) {
            return false;
        }
        try {
            VmPlacement where = placement.get();
            if (where != VmPlacement.RUNNING_AT_SOURCE && where != VmPlacement.PAUSED_AT_SOURCE) {
                LOG.info("Not starting a migration of {}: it is {}", request.vmName(), where);
                return false;
            }
            job.markStarted();
            // the migration's lines carry the step that started it (block 325), long after that step ended
            threads.submit(LogContext.carried(() -> run(job)));
            awaitVisible(job, placement);
            return true;
        } finally {
            if (!job.started()) {
                release(job);
            }
            job.markDecided();
        }
    }

    /** The VM's new job, claimed; null when a migration this process started from the same source still runs. */
    private MigrationJob claim(MigrationRequest request, MigrationPlan plan) {
        MigrationJob claim = new MigrationJob(request, plan);
        while (true) {
            MigrationJob holder = jobs.compute(request.vmName(),
                    (vm, current) -> current == null || current.ended() ? claim.replacing(current) : current);
            if (holder == claim) {
                return claim;
            }
            if (!holder.decided()) {
                // another start of this VM is under way: what it decides (started, or not at the source) decides
                // ours; it decides within the start timeout and libvirt's call limits
                holder.awaitDecision();
            } else if (holder.request.source().equals(request.source())) {
                return null;
            } else if (!holder.awaitEnd(settings.startTimeout())) {
                // the VM is already at the other end (seen as soon as it is there), but libvirt's call for the move
                // there returns only once the old source has stopped its QEMU: the move back waits for that
                throw new PortException("the previous migration of VM '" + holder.request.vmName() + "' (to "
                        + holder.request.target() + ") has not returned yet", true);
            }
        }
    }

    /** A claim that started nothing leaves the VM's entry as it found it. */
    private void release(MigrationJob claim) {
        jobs.computeIfPresent(claim.request.vmName(), (vm, current) -> current == claim ? claim.previous() : current);
    }

    /** Looks at libvirt until it shows the job (the VM no longer merely running at the source) or the job ended. */
    private void awaitVisible(MigrationJob job, Supplier<VmPlacement> placement) {
        long deadline = System.currentTimeMillis() + settings.startTimeout().toMillis();
        while (System.currentTimeMillis() < deadline) {
            if (job.ended() || placement.get() != VmPlacement.RUNNING_AT_SOURCE) {
                return;
            }
            job.awaitEnd(BETWEEN_LOOKS);
        }
    }

    /** On a migration thread: libvirt's blocking call, and its outcome. */
    private void run(MigrationJob job) {
        MigrationRequest request = job.request;
        LOG.info("Migrating {} from {} to {} ({}, {})", request.vmName(), request.source(), request.target(),
                job.plan.destinationUri(), job.plan.tls() ? "TLS" : "clear");
        try {
            migration.migrate(request, job.plan);
            job.finish(null);
            LOG.info("Migration of {} to {} completed", request.vmName(), request.target());
        } catch (LibvirtException e) {
            String error = LibvirtErrors.of(request.source(), "migrate " + request.vmName(), e).getMessage();
            job.finish(error);
            LOG.warn("Migration of {} failed: {}", request.vmName(), error);
        } catch (RuntimeException e) {
            job.finish(e.toString());
        }
    }

    /** The VM's last migration this process started; a start still deciding has not started one yet. */
    Optional<MigrationJob> lastStarted(String vmName) {
        MigrationJob job = jobs.get(vmName);
        return Optional.ofNullable(job == null || job.started() ? job : job.previous());
    }

    /** Waits at most the limit for the VM's last migration to end; the caller asks libvirt what came of it. */
    void awaitEnd(String vmName, Duration limit) {
        lastStarted(vmName).ifPresent(job -> job.awaitEnd(limit));
    }

    @Override
    public String toString() {
        return List.copyOf(jobs.keySet()).toString();
    }
}
