package com.slm.lab;

import java.io.UncheckedIOException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the lab's commands ({@code lab/lab}, virsh, ip) from tests, as root, and fails loudly when something
 * is missing: a lab test that cannot reach the lab must fail, never skip.
 */
public final class Lab {
    public static final Path LAB = Path.of("lab", "lab").toAbsolutePath();
    public static final String PREFIX = System.getenv().getOrDefault("SLM_LAB_NS_PREFIX", "");
    public static final Path STATE = Path.of(System.getenv().getOrDefault("SLM_LAB_STATE", "/var/lib/slm-lab"));

    private Lab() {
    }

    /** The result of one command. */
    public record Result(int exit, String out) {
        public Result orFail(String what) {
            if (exit != 0) {
                throw new AssertionError(what + " failed (exit " + exit + "):\n" + out);
            }
            return this;
        }
    }

    public static void requireRoot() {
        try {
            Result id = run(10, "id", "-u");
            if (!"0".equals(id.out().trim())) {
                throw new AssertionError("lab tests need root (network namespaces, libvirtd, charon); run scripts/test as root");
            }
        } catch (RuntimeException e) {
            throw new AssertionError("cannot tell whether this runs as root", e);
        }
    }

    /** The lab must be up: its settings file exists and both libvirtd answer. */
    public static void requireUp() {
        requireRoot();
        if (!Files.exists(STATE.resolve("application-lab.yaml"))) {
            throw new AssertionError("the lab is not up (no " + STATE.resolve("application-lab.yaml")
                    + "): scripts/test brings it up, or run lab/lab up");
        }
        for (String site : List.of("site-a", "site-b")) {
            virsh(site, "version").orFail("libvirtd of " + site);
        }
    }

    public static Result lab(int timeoutSeconds, String... args) {
        List<String> command = new ArrayList<>(List.of(LAB.toString()));
        command.addAll(List.of(args));
        return run(timeoutSeconds, command.toArray(String[]::new));
    }

    public static String libvirtUri(String site) {
        return "qemu+unix:///system?socket=" + STATE.resolve(site).resolve("run/libvirt-sock");
    }

    public static Result virsh(String site, String... args) {
        List<String> command = new ArrayList<>(List.of("virsh", "-c", libvirtUri(site)));
        command.addAll(List.of(args));
        return run(120, command.toArray(String[]::new));
    }

    public static List<String> runningGuests(String site) {
        return virsh(site, "list", "--name").orFail("virsh list").out().lines()
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The link state ("up" or "down") of each interface of a running guest, as libvirt reports it. */
    public static List<String> linkStates(String site, String vm) {
        List<String> states = new ArrayList<>();
        for (String line : virsh(site, "domiflist", vm).orFail("virsh domiflist").out().lines().skip(2).toList()) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length >= 5) {
                String state = virsh(site, "domif-getlink", vm, columns[4]).orFail("virsh domif-getlink").out().trim();
                states.add(state.substring(state.lastIndexOf(' ') + 1));
            }
        }
        return states;
    }

    /** The gaps report as JSON records (receiver, sender, kind, records, longestGapSeconds, ...). */
    public static JsonNode gaps(String... window) {
        List<String> args = new ArrayList<>(List.of("gaps", "--json"));
        args.addAll(List.of(window));
        try {
            return new ObjectMapper().readTree(lab(30, args.toArray(String[]::new)).orFail("lab gaps").out());
        } catch (IOException e) {
            throw new AssertionError("lab gaps --json is not JSON", e);
        }
    }

    public static JsonNode gap(JsonNode gaps, String receiver, String sender, String kind) {
        for (JsonNode record : gaps) {
            if (receiver.equals(record.get("receiver").asText()) && sender.equals(record.get("sender").asText())
                    && kind.equals(record.get("kind").asText())) {
                return record;
            }
        }
        return null;
    }

    public static String ns(String name) {
        return PREFIX + name;
    }

    public static Result run(int timeoutSeconds, String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out;
            try (var in = process.getInputStream()) {
                java.util.concurrent.CompletableFuture<byte[]> reader =
                        java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                            try {
                                return in.readAllBytes();
                            } catch (IOException e) {
                                return new byte[0];
                            }
                        });
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
                }
                out = reader.get(10, TimeUnit.SECONDS);
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("cannot read the output of " + command[0], e);
        }
    }

    /** Waits until every peer relation of the lab shows fresh traffic records. */
    public static void awaitTraffic(int seconds) throws InterruptedException {
        List<String[]> expected = List.of(new String[]{"db", "app", "stream"}, new String[]{"db", "app", "conn"},
                new String[]{"db", "web", "stream"}, new String[]{"db", "web", "conn"},
                new String[]{"legacy", "app", "stream"});
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        String missing = "";
        while (System.currentTimeMillis() < deadline) {
            JsonNode all = gaps("--since", String.valueOf(java.time.Instant.now().minusSeconds(5).getEpochSecond()));
            missing = "";
            for (String[] e : expected) {
                JsonNode record = gap(all, e[0], e[1], e[2]);
                if (record == null || record.get("records").asInt() < 3) {
                    missing += String.join("<-", e) + " ";
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("no traffic yet for: " + missing);
    }

    /**
     * Waits until {@code receiver} got at least three {@code kind} lines from {@code sender} after this call began
     * (and after {@code since}, which is never later). Counted in the receiver's console log by position, not by the
     * guests' time stamps: a guest's clock stands still while it is paused (a migration, a node that died with the
     * VM paused at the target), so a guest that was paused for a minute stamps its lines a minute in the past.
     */
    public static void awaitRecords(String receiver, String sender, String kind, java.time.Instant since, int seconds)
            throws InterruptedException {
        Path console = STATE.resolve("console").resolve(receiver + ".log");
        long from = size(console);
        String marker = " " + receiver + " rx " + sender + " " + kind + " ";
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (System.currentTimeMillis() < deadline) {
            if (linesAfter(console, from).stream().filter(line -> line.contains(marker)).count() >= 3) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(receiver + " receives no " + kind + " from " + sender + " since " + since
                + " (nothing new in " + console + " for " + seconds + " s)\n" + lab(30, "status").out());
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> linesAfter(Path file, long offset) {
        try (java.io.RandomAccessFile in = new java.io.RandomAccessFile(file.toFile(), "r")) {
            in.seek(Math.min(offset, in.length()));
            byte[] rest = new byte[(int) (in.length() - in.getFilePointer())];
            in.readFully(rest);
            return new String(rest, java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh lab: down (whatever state a previous test left) and up, with traffic flowing. */
    public static void fresh() throws InterruptedException {
        requireRoot();
        lab(300, "down").orFail("lab down");
        lab(900, "up").orFail("lab up");
        awaitTraffic(120);
    }
}
