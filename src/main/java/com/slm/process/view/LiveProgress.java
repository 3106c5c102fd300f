package com.slm.process.view;

import com.slm.domain.MemoryTransfer;
import com.slm.domain.MigrationProgress;

import java.time.Instant;
import java.util.Date;

import static com.slm.domain.ProcessVariables.MIGRATION_DATA_PROCESSED;
import static com.slm.domain.ProcessVariables.MIGRATION_DATA_REMAINING;
import static com.slm.domain.ProcessVariables.MIGRATION_ITERATION;
import static com.slm.domain.ProcessVariables.MIGRATION_PERCENT;
import static com.slm.domain.ProcessVariables.TRAFFIC_BLOCKED_AT;

/**
 * The live figures of block 330, for people: how much memory is copied, how fast, how fast the guest dirties it
 * again (the copy converges only while the rate outruns it), the iteration, an estimate of the time left, and how
 * long the VM's links have been down (cut at block 320, up again at 370). {@code null} where nobody knows.
 *
 * @param source "hypervisor" (read now, at most a second old) or "last poll" (what block 330 recorded)
 */
public record LiveProgress(
        String source,
        Instant readAt,
        Integer percent,
        Long memoryTotalBytes,
        Long memoryCopiedBytes,
        Long memoryRemainingBytes,
        Long rateBytesPerSecond,
        Long dirtyBytesPerSecond,
        Long iteration,
        Long etaSeconds,
        Long expectedDowntimeMs,
        Long linksDownMs,
        String note) {

    static LiveProgress fromHypervisor(ProgressReading reading, MigrationFacts facts, Instant now) {
        MigrationProgress progress = reading.progress();
        MemoryTransfer memory = progress.memory();
        Long remaining = known(memory.remainingBytes() >= 0 ? memory.remainingBytes() : progress.dataRemainingBytes());
        Long rate = known(memory.bytesPerSecond());
        Long dirty = known(memory.dirtyBytesPerSecond());
        return new LiveProgress("hypervisor", reading.readAt(), progress.percent() < 0 ? null : progress.percent(),
                known(memory.totalBytes()),
                known(memory.processedBytes() >= 0 ? memory.processedBytes() : progress.dataProcessedBytes()),
                remaining, rate, dirty, known(progress.iteration()), eta(remaining, rate, dirty),
                known(memory.expectedDowntimeMs()), linksDown(facts, now), progress.detail());
    }

    static LiveProgress fromLastPoll(MigrationFacts facts, String why, Instant now) {
        Object percent = facts.variable(MIGRATION_PERCENT);
        return new LiveProgress("last poll", null, percent instanceof Number n && n.intValue() >= 0 ? n.intValue() : null,
                null, number(facts.variable(MIGRATION_DATA_PROCESSED)), number(facts.variable(MIGRATION_DATA_REMAINING)),
                null, null, number(facts.variable(MIGRATION_ITERATION)), null, null, linksDown(facts, now), why);
    }

    /**
     * Pre-copy sends what is left while the guest dirties more: it gains (rate - dirty rate) per second. An estimate
     * only, and none at all while the guest dirties as fast as the link copies (the copy does not converge).
     */
    private static Long eta(Long remaining, Long rate, Long dirty) {
        if (remaining == null || rate == null) {
            return null;
        }
        long gain = rate - (dirty == null ? 0 : dirty);
        return gain <= 0 ? null : (remaining + gain - 1) / gain;
    }

    private static Long linksDown(MigrationFacts facts, Instant now) {
        return facts.variable(TRAFFIC_BLOCKED_AT) instanceof Date blocked
                ? Math.max(0, now.toEpochMilli() - blocked.getTime()) : null;
    }

    private static Long known(long value) {
        return value < 0 ? null : value;
    }

    private static Long number(Object value) {
        return value instanceof Number n && n.longValue() >= 0 ? n.longValue() : null;
    }
}
