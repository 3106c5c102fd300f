package com.slm.adapter.libvirt;

import com.slm.domain.MemoryTransfer;
import org.libvirt.DomainJobStats;
import org.libvirt.TypedParameter;

import java.util.HashMap;
import java.util.Map;

/** libvirt's job statistics (virDomainGetJobStats) by field name, with -1 for what QEMU did not report. */
final class JobStats {
    /** VIR_DOMAIN_JOB_STATS_COMPLETED: the statistics of the last completed job. */
    static final int COMPLETED = 1;
    /**
     * VIR_DOMAIN_JOB_STATS_KEEP_COMPLETED: without it, the first read of the completed job's statistics deletes them,
     * and whoever reads next (block 330 after the migrations page, or a retried visit) finds none.
     */
    static final int KEEP_COMPLETED = 2;
    /** VIR_DOMAIN_JOB_NONE: no job runs. */
    static final int TYPE_NONE = 0;

    private final int type;
    private final Map<String, String> values;

    private JobStats(int type, Map<String, String> values) {
        this.type = type;
        this.values = values;
    }

    static JobStats of(DomainJobStats stats) {
        Map<String, String> values = new HashMap<>();
        if (stats != null && stats.stats != null) {
            for (TypedParameter parameter : stats.stats) {
                values.put(parameter.field, parameter.getValueAsString());
            }
        }
        return new JobStats(stats == null ? TYPE_NONE : stats.type, values);
    }

    static JobStats of(int type, Map<String, String> values) {
        return new JobStats(type, Map.copyOf(values));
    }

    boolean running() {
        return type != TYPE_NONE;
    }

    long get(String field) {
        String value = values.get(field);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The memory figures of a running job (libvirt's VIR_DOMAIN_JOB_MEMORY_* and, while running, the expected downtime). */
    MemoryTransfer memoryTransfer() {
        return new MemoryTransfer(get("memory_total"), get("memory_processed"), get("memory_remaining"),
                get("memory_bps"), get("memory_dirty_rate"), get("memory_page_size"), get("downtime"));
    }

    int percent() {
        long total = get("data_total");
        long remaining = get("data_remaining");
        if (total <= 0 || remaining < 0) {
            return -1;
        }
        return (int) Math.max(0, Math.min(100, 100 - remaining * 100 / total));
    }
}
