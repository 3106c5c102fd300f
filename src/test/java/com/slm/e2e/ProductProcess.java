package com.slm.e2e;

import com.slm.SlmApplication;
import com.slm.lab.Lab;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The product in a JVM of its own, so that a test can kill it with SIGKILL and start it again on the same H2
 * file and port (the same node). Its output goes to {@code target/product-runs/<name>-<n>.log}.
 */
final class ProductProcess {
    /** The exit status of a JVM killed with SIGKILL: 128 + 9. */
    static final int SIGKILLED = 137;
    private final Path data;
    private final int port;
    private final List<String> extra;
    private final Map<String, String> environment;
    private final String name;
    private Process process;
    private int runs;

    private ProductProcess(String name, Path data, int port, List<String> extra, Map<String, String> environment) {
        this.name = name;
        this.data = data;
        this.port = port;
        this.extra = extra;
        this.environment = environment;
        // one hook per node, whatever its restarts: the node never outlives the tests
        Runtime.getRuntime().addShutdownHook(new Thread(this::destroyCurrent));
    }

    /** A node on a fresh data folder and a free port; not started yet. */
    static ProductProcess of(String name, String... extraArgs) throws IOException {
        return of(name, Map.of(), extraArgs);
    }

    /** The same, with environment variables for the node (secrets go there, never on its command line). */
    static ProductProcess of(String name, Map<String, String> environment, String... extraArgs) throws IOException {
        Lab.requireUp();
        try (ServerSocket socket = new ServerSocket(0)) {
            return new ProductProcess(name, Files.createTempDirectory("slm-" + name + "-"), socket.getLocalPort(),
                    List.of(extraArgs), Map.copyOf(environment));
        }
    }

    String name() {
        return name;
    }

    /** The node's output of its current (or last) run. */
    Path log() {
        return Path.of("target", "product-runs").toAbsolutePath().resolve(name + "-" + runs + ".log");
    }

    Path data() {
        return data;
    }

    /** Starts the node (again) and waits until it answers over HTTPS, or was killed on purpose; returns its client. */
    RunningProduct start(int seconds) throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx768m", "-cp", classPath(), SlmApplication.class.getName()));
        command.addAll(RunningProduct.arguments(data, port, extra));
        Path logs = Path.of("target", "product-runs").toAbsolutePath();
        Files.createDirectories(logs);
        // run in the data folder: the product's relative paths (./data) stay with its database
        ProcessBuilder builder = new ProcessBuilder(command).directory(data.toFile()).redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + "-" + (++runs) + ".log").toFile());
        builder.environment().putAll(environment);
        process = builder.start();
        RunningProduct client = RunningProduct.attach(port);
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                if (process.exitValue() == SIGKILLED) {
                    return client; // killed on purpose before it answered (a step it ran at once): the caller sees it dead
                }
                throw new AssertionError(name + " exited with " + process.exitValue() + " while starting: see " + logs);
            }
            if (client.answers()) {
                return client;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(name + " did not answer within " + seconds + " s: see " + logs);
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Whether it still runs after a grace of that many seconds (a node being killed closes its port first). */
    boolean aliveAfter(int seconds) throws InterruptedException {
        return process != null && !process.waitFor(seconds, TimeUnit.SECONDS);
    }

    /** The exit status of the last run once it ended ({@link #SIGKILLED} after kill -9). */
    int awaitExit(int seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " still runs after " + seconds + " s");
        }
        return process.exitValue();
    }

    private void destroyCurrent() {
        Process current = process;
        if (current != null) {
            current.destroyForcibly();
        }
    }

    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly(); // SIGKILL
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /**
     * Failsafe starts tests with a manifest-only jar; its full class path is in surefire.test.class.path. Empty
     * entries are dropped: the JVM reads one as the working directory, whose bpmn/ would be deployed twice.
     */
    private static String classPath() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(path.split(File.pathSeparator)).filter(entry -> !entry.isBlank())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
