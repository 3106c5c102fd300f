package com.slm.process.metrics;

import com.slm.domain.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The product's meters of migrations (docs/operations.md, "Metrics"), scraped as {@code slm_*} at
 * {@code /actuator/prometheus}. Tags are the block (an activity id of the model) and the outcome only: nothing that
 * names a VM, a host or a user, so the number of series stays fixed by the model.
 * <p>
 * Every recording waits for the engine's commit ({@link AfterCommit}): a step whose transaction rolls back (and whose
 * job then runs again) is neither counted nor timed twice.
 */
@Component
public class MigrationMeters {
    /** A step takes milliseconds (a link down) to minutes (a slow live migration, the routing core). */
    private static final Duration[] BLOCK_BUCKETS = seconds(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800);
    /** Links down: 4.2-5.5 s in the lab (docs/benchmarks.md), so finer there; minutes when a step was retried. */
    private static final Duration[] LINKS_DOWN_BUCKETS = seconds(0.5, 1, 2, 3, 4, 5, 6, 7.5, 10, 20, 30, 60, 120, 300);
    /** QEMU's stop-and-copy pause: 150-300 ms in the lab; the request's maxDowntimeMs (e.g. 300) aims to bound it. */
    private static final Duration[] QEMU_DOWNTIME_BUCKETS = seconds(0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 1, 2, 5);
    /** Approvers answer in minutes to days (the approval expires after slm.timers.approval-timeout, 2 days). */
    private static final Duration[] APPROVAL_BUCKETS = seconds(60, 300, 900, 3600, 4 * 3600, 8 * 3600, 86400, 2 * 86400);

    private final MeterRegistry registry;
    private final Counter started;
    private final Map<Outcome, Counter> ended = new EnumMap<>(Outcome.class);
    private final Timer linksDown;
    private final Timer qemuDowntime;
    private final Timer approvalWait;

    public MigrationMeters(MeterRegistry registry) {
        this.registry = registry;
        started = Counter.builder("slm.migrations.started")
                .description("Migrations started (requests that passed validation and created an instance)")
                .register(registry);
        // every outcome from the start, at 0: a rate over a series that appears late misses its first increase
        for (Outcome outcome : Outcome.values()) {
            ended.put(outcome, Counter.builder("slm.migrations.ended")
                    .description("Migrations ended, by outcome (the outcome variable of the end event)")
                    .tag("outcome", outcome.name()).register(registry));
        }
        linksDown = histogram("slm.links.down", LINKS_DOWN_BUCKETS, "Completed migrations: time from the VM's links "
                + "blocked (block 320) to enabled again (block 370), as the product saw it");
        qemuDowntime = histogram("slm.qemu.downtime", QEMU_DOWNTIME_BUCKETS, "Completed migrations: QEMU's downtime "
                + "(the guest paused for the last copy), from libvirt's job statistics");
        approvalWait = histogram("slm.approval.wait", APPROVAL_BUCKETS, "Approval tasks completed (approved or rejected): "
                + "time from the task's creation to its completion");
    }

    void migrationStarted() {
        AfterCommit.run(started::increment);
    }

    /**
     * @param linksDown    how long the VM's links were down, null when unknown
     * @param qemuDowntime QEMU's downtime, null when libvirt did not report it
     */
    public void migrationEnded(Outcome outcome, Duration linksDown, Duration qemuDowntime) {
        AfterCommit.run(() -> {
            ended.get(outcome).increment();
            if (outcome == Outcome.COMPLETED) {
                recordIfKnown(this.linksDown, linksDown);
                recordIfKnown(this.qemuDowntime, qemuDowntime);
            }
        });
    }

    void blockCompleted(String block, Duration duration) {
        AfterCommit.run(() -> Timer.builder("slm.block.duration")
                .description("Steps of the model (service tasks) that completed, by block (activity id): time in the step")
                .tag("block", block).serviceLevelObjectives(BLOCK_BUCKETS).register(registry).record(duration));
    }

    void approvalWaited(Duration waited) {
        AfterCommit.run(() -> approvalWait.record(waited));
    }

    private Timer histogram(String name, Duration[] buckets, String description) {
        return Timer.builder(name).description(description).serviceLevelObjectives(buckets).register(registry);
    }

    private static void recordIfKnown(Timer timer, Duration duration) {
        if (duration != null && !duration.isNegative()) {
            timer.record(duration);
        }
    }

    private static Duration[] seconds(double... values) {
        Duration[] durations = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            durations[i] = Duration.ofNanos(Math.round(values[i] * 1e9));
        }
        return durations;
    }
}
