package com.slm.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * tcpdump on the lab's WAN bridge (namespace wan): everything that crosses between the sites. The capture file is
 * kept under target/captures for the record; {@link #count(String)} counts packets matching a pcap filter.
 */
public final class WanCapture implements AutoCloseable {
    private final Process tcpdump;
    private final Path file;

    private WanCapture(Process tcpdump, Path file) {
        this.tcpdump = tcpdump;
        this.file = file;
    }

    public static WanCapture start(String name) throws IOException, InterruptedException {
        Path dir = Path.of("target", "captures").toAbsolutePath();
        Files.createDirectories(dir);
        Path file = dir.resolve(name + "-" + System.currentTimeMillis() + ".pcap");
        Process p = new ProcessBuilder("ip", "netns", "exec", Lab.ns("wan"), "tcpdump", "-i", "br-wan", "-n", "-U",
                "-w", file.toString()).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".tcpdump.log").toFile()).start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (!Files.exists(file) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        if (!p.isAlive()) {
            throw new AssertionError("tcpdump did not start on the WAN: " + Files.readString(dir.resolve(name + ".tcpdump.log")));
        }
        Thread.sleep(300);
        return new WanCapture(p, file);
    }

    public void stop() throws InterruptedException {
        if (tcpdump.isAlive()) {
            tcpdump.destroy();
            tcpdump.waitFor(10, TimeUnit.SECONDS);
        }
    }

    public Path file() {
        return file;
    }

    /** Packets of the capture that match the pcap filter. */
    public long count(String filter) {
        Lab.Result r = Lab.run(60, "tcpdump", "-n", "-r", file.toString(), filter);
        return r.out().lines().filter(l -> !l.startsWith("reading from") && !l.isBlank() && !l.contains("tcpdump:")).count();
    }

    public long total() {
        return count("");
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
