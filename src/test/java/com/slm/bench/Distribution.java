package com.slm.bench;

import java.util.Collection;

/** Median, 99th percentile and maximum of a set of durations in milliseconds (nearest rank). */
record Distribution(int count, long median, long p99, long max) {

    static Distribution of(Collection<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return new Distribution(0, -1, -1, -1);
        }
        return new Distribution(sorted.length, rank(sorted, 0.50), rank(sorted, 0.99), sorted[sorted.length - 1]);
    }

    private static long rank(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    @Override
    public String toString() {
        return count == 0 ? "none" : "median=" + median + " p99=" + p99 + " max=" + max + " ms (n=" + count + ")";
    }
}
