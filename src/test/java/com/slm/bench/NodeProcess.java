package com.slm.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link BenchNode} in a JVM of its own: commands go to its stdin, answers come from its stdout. Its product
 * log is {@code DIR/NAME.log}, anything else it prints {@code DIR/NAME.out}. The database's credentials reach it
 * through the environment it inherits (SLM_DB_*), never its command line.
 */
final class NodeProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final PrintWriter commands;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

    private NodeProcess(String name, Process process, Path out) throws IOException {
        this.name = name;
        this.process = process;
        this.commands = new PrintWriter(process.outputWriter(StandardCharsets.UTF_8), true);
        Writer console = Files.newBufferedWriter(out);
        Thread reader = new Thread(() -> read(console), name + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    static NodeProcess start(String name, int vms, BenchSettings settings, Path dir) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        command.addAll(settings.jvmArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchNode.class.getName(),
                Integer.toString(vms), name));
        command.addAll(settings.springArguments());
        command.addAll(List.of("--server.port=0", "--logging.file.name=" + dir.resolve(name + ".log").toAbsolutePath(),
                // its admin password file: a folder of its own, like each node of scripts/cluster; and like there,
                // one audit anchor folder for all nodes
                "--SLM_DATA_DIR=" + Files.createDirectories(dir.resolve(name + "-data")).toAbsolutePath(),
                "--slm.audit.anchor-dir=" + dir.resolve("audit-anchor").toAbsolutePath()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // a random admin password in the node's environment only: without it the product writes one to a file
        builder.environment().put("SLM_ADMIN_PASSWORD", BenchUsers.randomSecret());
        Process process = builder.start();
        return new NodeProcess(name, process, dir.resolve(name + ".out"));
    }

    String name() {
        return name;
    }

    void send(String command) {
        commands.println(command);
    }

    /** Waits for the node's next answer, which must start with {@code expected}; returns the rest of it. */
    String await(String expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String answer = answers.poll(1, TimeUnit.SECONDS);
            if (answer != null) {
                if (!answer.startsWith(expected)) {
                    throw new IllegalStateException(name + " answered '" + answer + "', expected '" + expected + "'");
                }
                return answer.substring(expected.length()).trim();
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " (see its .out and .log)");
            }
        }
        throw new IllegalStateException(name + " did not answer '" + expected + "' within " + timeout);
    }

    /** The node's resident set size now, from /proc/PID/status (VmRSS), in KiB; -1 once it has gone. */
    long rssKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
        return -1;
    }

    /** The node's CPU time so far (user + system), in ms. */
    long cpuMillis() {
        return CpuTime.ofProcess(process.pid());
    }

    private void read(Writer console) {
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             console) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                if (line.startsWith(BenchNode.ANSWER)) {
                    answers.add(line.substring(BenchNode.ANSWER.length()));
                } else {
                    console.write(line + System.lineSeparator());
                }
            }
        } catch (IOException e) {
            // the node went away; await() reports it
        }
    }

    /** Asks the node to stop and waits for it; kills it when it does not stop within a minute. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            send("stop");
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
