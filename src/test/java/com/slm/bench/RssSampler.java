package com.slm.bench;

import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/** Samples the nodes' RSS four times a second while a run goes on, keeping each node's peak. */
final class RssSampler implements AutoCloseable {
    private final List<NodeProcess> nodes;
    private final AtomicLongArray peaks;
    private final Thread sampler;
    private volatile boolean running = true;

    RssSampler(List<NodeProcess> nodes) {
        this.nodes = nodes;
        this.peaks = new AtomicLongArray(nodes.size());
        this.sampler = new Thread(this::sample, "rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        while (running) {
            for (int i = 0; i < nodes.size(); i++) {
                long rss = nodes.get(i).rssKiB();
                peaks.accumulateAndGet(i, rss, Math::max);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Each node's peak RSS in KiB since the start or the last reset, in the nodes' order. */
    long[] peaks() {
        long[] values = new long[nodes.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = peaks.get(i);
        }
        return values;
    }

    void reset() {
        for (int i = 0; i < nodes.size(); i++) {
            peaks.set(i, 0);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join();
    }
}
