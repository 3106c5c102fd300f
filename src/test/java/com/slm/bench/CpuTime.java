package com.slm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time from /proc, in milliseconds (Linux clock ticks of 10 ms): a process's own (user + system), and the
 * whole machine's busy and total time. The machine is shared with PostgreSQL (and whatever else runs), so its busy
 * share says whether a run was bound by the CPUs.
 */
final class CpuTime {
    private static final long MS_PER_TICK = 10;

    private CpuTime() {
    }

    /** User + system time of process {@code pid} so far; -1 once it has gone. */
    static long ofProcess(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the command name, which is in parentheses and may hold spaces
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * MS_PER_TICK;
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
    }

    /** User + system time so far of every process named {@code command} (PostgreSQL's: "postgres"). */
    static long ofCommand(String command) {
        try (var processes = Files.list(Path.of("/proc"))) {
            return processes.filter(dir -> dir.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(dir -> command.equals(name(dir)))
                    .mapToLong(dir -> Math.max(0, ofProcess(Long.parseLong(dir.getFileName().toString())))).sum();
        } catch (IOException | RuntimeException unreadable) {
            return 0;
        }
    }

    private static String name(Path process) {
        try {
            return Files.readString(process.resolve("comm")).trim();
        } catch (IOException gone) {
            return "";
        }
    }

    /** The machine's {busy, total} CPU time so far, all CPUs together. */
    static long[] ofMachine() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new long[] {(total - idle) * MS_PER_TICK, total * MS_PER_TICK};
        } catch (IOException | RuntimeException unreadable) {
            return new long[] {0, 0};
        }
    }
}
