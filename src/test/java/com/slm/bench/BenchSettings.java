package com.slm.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The harness's own settings for its nodes (system properties bench.*, defaults below), kept here and never in
 * the product's application.yaml: the job executor's thread pool and acquisition, the nodes' connection pool, the
 * load driver's threads and the nodes' JVM options.
 */
record BenchSettings(int corePoolSize, int maxPoolSize, int queueCapacity, int maxJobsPerAcquisition,
                     int waitTimeInMillis, int lockTimeInMillis, int dbPoolSize, String synchronousCommit, int driverThreads,
                     String nodeJavaOptions) {

    /**
     * The defaults are the settings of the figures in docs/benchmarks.md ("Engine load"): a job executor of six
     * threads that takes six jobs at a time (the engine's defaults, 3-10 threads, a queue of 3, 3 jobs per
     * acquisition and 5 s of idle wait, measured no better on two cores), and nodes of 192 MiB heap, serial GC and
     * C1 only, which keeps a node under 400 MiB RSS with 1,000 migrations in flight (with -Xmx512m it took 550).
     */
    static BenchSettings fromSystemProperties() {
        return new BenchSettings(
                Integer.getInteger("bench.core-pool-size", 6),
                Integer.getInteger("bench.max-pool-size", 6),
                Integer.getInteger("bench.queue-capacity", 12),
                Integer.getInteger("bench.max-jobs-per-acquisition", 6),
                Integer.getInteger("bench.wait-time-in-millis", 2000),
                // the product's lock time (application.yaml): a step longer than it could run on two nodes
                Integer.getInteger("bench.lock-time-in-millis", 50000),
                Integer.getInteger("bench.db-pool-size", 20),
                // PostgreSQL's default; "off" only to measure what the commits' WAL flushes cost (never for real)
                System.getProperty("bench.synchronous-commit", "on"),
                Integer.getInteger("bench.driver-threads", 4),
                System.getProperty("bench.node-java-options", "-Xmx192m -XX:+UseSerialGC -Xss512k "
                        + "-XX:ReservedCodeCacheSize=48m -XX:MaxMetaspaceSize=160m -XX:TieredStopAtLevel=1"));
    }

    /** The Spring arguments of a node. */
    List<String> springArguments() {
        List<String> arguments = new ArrayList<>();
        properties().forEach((name, value) -> arguments.add("--" + name + "=" + value));
        return arguments;
    }

    /** The JVM options of a node, then its system properties. */
    List<String> jvmArguments() {
        List<String> arguments = new ArrayList<>(Arrays.asList(nodeJavaOptions.trim().split("\\s+")));
        arguments.add("-Dbench.driver-threads=" + driverThreads);
        return arguments;
    }

    /** One line per setting, for the report. */
    List<String> describe() {
        List<String> lines = new ArrayList<>();
        properties().forEach((name, value) -> lines.add(name + "=" + value));
        lines.add("load driver threads per node (starts, approvals)=" + driverThreads);
        lines.add("node JVM options=" + nodeJavaOptions);
        return lines;
    }

    private Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        String job = "camunda.bpm.job-execution.";
        properties.put(job + "core-pool-size", corePoolSize);
        properties.put(job + "max-pool-size", maxPoolSize);
        properties.put(job + "queue-capacity", queueCapacity);
        properties.put(job + "max-jobs-per-acquisition", maxJobsPerAcquisition);
        properties.put(job + "wait-time-in-millis", waitTimeInMillis);
        properties.put(job + "lock-time-in-millis", lockTimeInMillis);
        properties.put("spring.datasource.hikari.maximum-pool-size", dbPoolSize);
        properties.put("spring.datasource.hikari.connection-init-sql", "SET synchronous_commit TO " + synchronousCommit);
        return properties;
    }
}
