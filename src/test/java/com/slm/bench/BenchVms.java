package com.slm.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The harness's VMs, made up as properties (slm.vms.*): bench-00001 ... in one secure subnet, 10.20.0.0/16, with
 * {@link #STAY}, which never moves: its subnet never moves as a whole. One migration per VM at a time is the
 * product's rule, so N migrations in flight need N VMs.
 */
final class BenchVms {
    static final String SUBNET = "10.20.0.0/16";
    static final String STAY = "bench-stay";

    private BenchVms() {
    }

    /** The name of the {@code index}th VM (from 0). */
    static String name(int index) {
        return "bench-%05d".formatted(index + 1);
    }

    static List<String> names(int first, int count) {
        return IntStream.range(first, first + count).mapToObj(BenchVms::name).toList();
    }

    /** slm.vms entries for {@code count} VMs and the one that stays. */
    static Map<String, Object> properties(int count) {
        if (count > 250 * 250) {
            throw new IllegalArgumentException("at most 62500 VMs fit the bench subnet");
        }
        Map<String, Object> vms = new LinkedHashMap<>();
        vms.put("slm.vms." + STAY + ".address", "10.20.255.254");
        for (int i = 0; i < count; i++) {
            vms.put("slm.vms." + name(i) + ".address", "10.20." + (i / 250) + "." + (i % 250 + 2));
        }
        return vms;
    }
}
