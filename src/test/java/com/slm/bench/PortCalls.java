package com.slm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * How often each side effect of the instant port doubles happened, per subject (a VM, a guard on a host). With
 * the engine running each step once, every count is 1: a count of 2 is a step that ran twice somewhere in the
 * cluster (each node counts its own calls; the harness adds them up).
 */
public final class PortCalls {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void record(String operation, String subject) {
        counts.computeIfAbsent(operation + " " + subject, key -> new LongAdder()).increment();
    }

    /** "operation subject" to how often it happened. */
    public Map<String, Long> snapshot() {
        return counts.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum(),
                Long::sum, TreeMap::new));
    }

    void writeTo(Path file) throws IOException {
        Files.write(file, snapshot().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
    }

    /** Reads what {@link #writeTo} wrote, adding to {@code into}. */
    static void addFrom(Path file, Map<String, Long> into) throws IOException {
        for (String line : Files.readAllLines(file)) {
            int last = line.lastIndexOf(' ');
            into.merge(line.substring(0, last), Long.parseLong(line.substring(last + 1)), Long::sum);
        }
    }
}
