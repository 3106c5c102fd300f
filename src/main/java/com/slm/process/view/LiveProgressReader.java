package com.slm.process.view;

import com.slm.domain.MigrationRequest;
import com.slm.port.Hypervisor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a running migration's job from the hypervisor port, read-only, for the migrations page. Each viewer's page
 * asks every second; one read per migration per {@link #FRESH_FOR} answers them all, so many viewers never mean
 * more calls to libvirtd. Viewers of the same migration wait for the one read in flight instead of starting their
 * own. A failed read is kept just as long: a libvirtd that does not answer is not asked again by every viewer.
 */
@Component
public class LiveProgressReader {
    static final Duration FRESH_FOR = Duration.ofSeconds(1);
    /** Readings of migrations nobody asked about for this long are dropped. */
    private static final Duration FORGET_AFTER = Duration.ofMinutes(1);

    private final Hypervisor hypervisor;
    private final Map<String, ProgressReading> readings = new ConcurrentHashMap<>();

    public LiveProgressReader(Hypervisor hypervisor) {
        this.hypervisor = hypervisor;
    }

    public ProgressReading read(String processInstanceId, MigrationRequest request) {
        Instant now = now();
        readings.values().removeIf(reading -> reading.readAt().isBefore(now.minus(FORGET_AFTER)));
        // compute() holds this migration's entry while the one read runs: concurrent viewers wait for it and reuse it.
        return readings.compute(processInstanceId, (id, last) ->
                last != null && last.readAt().isAfter(now.minus(FRESH_FOR)) ? last : readNow(request));
    }

    private ProgressReading readNow(MigrationRequest request) {
        try {
            return new ProgressReading(hypervisor.migrationProgress(request), null, now());
        } catch (RuntimeException e) {
            // The page then shows the figures of the step's last poll, and why they are not live.
            return new ProgressReading(null, "the hypervisor did not answer: " + e.getMessage(), now());
        }
    }

    /** The engine's clock, like the steps' stamps: a test that moves it moves the page's reading times too. */
    private static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
