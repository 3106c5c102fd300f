package com.slm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engine load harness, a program (scripts/bench-engine runs it; no test asserts a time): N migrations through
 * the real BPMN on PostgreSQL (SLM_DB_URL, SLM_DB_USER, SLM_DB_PASSWORD, a database of its own that it empties
 * before each run), with instant port doubles, on one node and then on two nodes sharing the database. Each run
 * starts all N migrations and waits until every one waits for its approval (N in flight: the nodes' RSS is read
 * then), approves them all as another user, and waits until every one has ended. Then it reads what the engine
 * recorded and prints the figures, one line each ("BENCH nodes=K name: value"), and whatever was lost or
 * duplicated.
 */
public final class EngineBenchmark {
    private static final Duration PHASE = Duration.ofMinutes(20);

    private final int migrations;
    private final BenchSettings settings;
    private final String url = required("SLM_DB_URL");

    private EngineBenchmark(int migrations, BenchSettings settings) {
        this.migrations = migrations;
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        int migrations = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        EngineBenchmark benchmark = new EngineBenchmark(migrations, BenchSettings.fromSystemProperties());
        System.out.println("BENCH settings: " + migrations + " migrations per run, on PostgreSQL");
        benchmark.settings.describe().forEach(line -> System.out.println("BENCH settings: " + line));
        boolean clean = true;
        // -Dbench.nodes=2 runs the two-node run alone
        for (String nodes : System.getProperty("bench.nodes", "1,2").split(",")) {
            clean &= benchmark.run(Integer.parseInt(nodes.trim()));
        }
        System.exit(clean ? 0 : 1);
    }

    /** One run on {@code nodes} nodes; false when anything was lost or duplicated. */
    private boolean run(int nodes) throws Exception {
        emptyDatabase();
        Path dir = Files.createDirectories(Path.of("target", "bench-engine", nodes + "-nodes"));
        List<NodeProcess> cluster = new ArrayList<>();
        try {
            for (int k = 1; k <= nodes; k++) {
                // one after the other: the first creates the schema and deploys the model
                NodeProcess node = NodeProcess.start("bench-node-" + k, migrations, settings, dir);
                cluster.add(node);
                node.await("ready", Duration.ofMinutes(5));
            }
            long[] rssInFlight;
            long[] rssPeak;
            long[] cpu;
            long[] machine;
            long database;
            int inFlight;
            try (Connection db = connect(); RssSampler rss = new RssSampler(cluster)) {
                for (int k = 0; k < nodes; k++) {
                    int first = migrations * k / nodes;
                    cluster.get(k).send("start " + first + " " + (migrations * (k + 1) / nodes - first));
                }
                for (NodeProcess node : cluster) {
                    node.await("started", PHASE);
                }
                awaitAll(db, "waiting for approval", EngineRecords::waitingForApproval);
                inFlight = EngineRecords.running(db);
                rssInFlight = cluster.stream().mapToLong(NodeProcess::rssKiB).toArray();
                rss.reset();
                cpu = cluster.stream().mapToLong(NodeProcess::cpuMillis).toArray();
                machine = CpuTime.ofMachine();
                database = CpuTime.ofCommand("postgres");
                cluster.forEach(node -> node.send("approve"));
                for (NodeProcess node : cluster) {
                    node.await("approved", PHASE);
                }
                awaitAll(db, "ended", EngineRecords::ended);
                rssPeak = rss.peaks();
                for (int k = 0; k < nodes; k++) {
                    cpu[k] = cluster.get(k).cpuMillis() - cpu[k];
                }
                database = CpuTime.ofCommand("postgres") - database;
                long[] now = CpuTime.ofMachine();
                machine = new long[] {now[0] - machine[0], now[1] - machine[1]};
            }
            for (NodeProcess node : cluster) {
                node.send("dump " + dir.toAbsolutePath());
                System.out.println("BENCH nodes=" + nodes + " job_acquisition_" + node.name() + ": "
                        + node.await("dumped", Duration.ofMinutes(1)));
            }
            report(nodes, cpu, database, machine);
            return report(nodes, dir, cluster, inFlight, rssInFlight, rssPeak);
        } finally {
            for (NodeProcess node : cluster) {
                node.close();
            }
        }
    }

    /** Where the CPUs went from the first approval to the last end: each node's share, and the machine's. */
    private void report(int nodes, long[] cpu, long database, long[] machine) {
        for (int k = 0; k < nodes; k++) {
            System.out.printf("BENCH nodes=%d cpu_ms_per_migration_bench-node-%d: %.1f (user + system, approvals to end)%n",
                    nodes, k + 1, cpu[k] / (double) migrations);
        }
        System.out.printf("BENCH nodes=%d cpu_ms_per_migration_postgresql: %.1f (all its processes, other databases' too)%n", nodes,
                database / (double) migrations);
        System.out.printf("BENCH nodes=%d machine_cpu_busy: %.0f %% of %d CPUs, %.1f ms of CPU per migration "
                        + "(nodes, PostgreSQL and whatever else runs here)%n", nodes,
                machine[1] == 0 ? 0 : 100.0 * machine[0] / machine[1], Runtime.getRuntime().availableProcessors(),
                machine[0] / (double) migrations);
    }

    private boolean report(int nodes, Path dir, List<NodeProcess> cluster, int inFlight, long[] rssInFlight,
                           long[] rssPeak) throws IOException, SQLException {
        List<Path> acquisitions = new ArrayList<>();
        Map<String, Long> calls = new TreeMap<>();
        for (NodeProcess node : cluster) {
            acquisitions.add(dir.resolve(node.name() + "-acquired.txt"));
            PortCalls.addFrom(dir.resolve(node.name() + "-calls.txt"), calls);
        }
        EngineFigures figures;
        try (Connection db = connect()) {
            figures = new EngineFigures(EngineRecords.read(db), AcquisitionLog.readAll(acquisitions), calls);
        }
        String prefix = "BENCH nodes=" + nodes + " ";
        figures.figures().forEach((name, value) -> System.out.println(prefix + name + ": " + value));
        for (int k = 0; k < cluster.size(); k++) {
            System.out.printf("%srss_MiB_%s: %d with %d migrations in flight (all waiting for approval), peak %d while they ran%n",
                    prefix, cluster.get(k).name(), rssInFlight[k] / 1024, inFlight, rssPeak[k] / 1024);
        }
        List<String> problems = figures.problems(migrations);
        System.out.println(prefix + "lost_or_duplicated: " + (problems.isEmpty()
                ? "none (every migration ended once at block 395, each of its " + EngineFigures.STEPS.size()
                  + " step jobs succeeded once, no failed attempt, each port side effect once)"
                : problems.size() + " problems"));
        problems.stream().limit(20).forEach(problem -> System.out.println(prefix + "problem: " + problem));
        return problems.isEmpty();
    }

    private interface Count {
        int in(Connection db) throws SQLException;
    }

    /** Waits until the count reaches N; gives up at an incident (it would never get there) or after a phase's time. */
    private void awaitAll(Connection db, String what, Count count) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + PHASE.toNanos();
        int seen = count.in(db);
        while (seen < migrations) {
            if (System.nanoTime() > deadline || EngineRecords.openIncidents(db) > 0) {
                throw new IllegalStateException(seen + " of " + migrations + " migrations " + what + ", "
                        + EngineRecords.openIncidents(db) + " incidents: see target/bench-engine/");
            }
            Thread.sleep(200);
            seen = count.in(db);
        }
    }

    /** Drops whatever the harness's role made in its database: each run starts from an empty schema. */
    private void emptyDatabase() throws SQLException {
        try (Connection db = connect(); Statement statement = db.createStatement()) {
            statement.execute("DROP OWNED BY CURRENT_USER");
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, required("SLM_DB_USER"), required("SLM_DB_PASSWORD"));
    }

    private static String required(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(variable + " is not set: run the harness through scripts/bench-engine");
        }
        return value;
    }
}
