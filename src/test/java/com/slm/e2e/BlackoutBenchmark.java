package com.slm.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.slm.lab.Lab;

import java.time.Instant;

/**
 * Not a test: a program, one measured run for scripts/bench-blackout, which runs its {@link #main} on the test
 * class path (no build runs it). On a fresh lab it migrates app with the product and prints one line
 * {@code BENCH product qemuDowntimeMs=.. blockedMs=.. gapSeconds=..}, then, on another fresh lab, app with a plain
 * {@code virsh migrate} and prints {@code BENCH virsh qemuDowntimeMs=.. gapSeconds=..}. Nothing is asserted on time.
 */
public final class BlackoutBenchmark {
    private BlackoutBenchmark() {
    }

    /** One run; exits when done (the product's and libvirt's threads would keep the JVM alive). */
    public static void main(String[] args) throws Exception {
        int status = 1;
        try {
            measureOneRun();
            status = 0;
        } finally {
            System.exit(status);
        }
    }

    static void measureOneRun() throws Exception {
        Lab.fresh();
        Instant started = Instant.now();
        try (RunningProduct product = RunningProduct.start()) {
            Migrations migrations = new Migrations(product);
            String id = migrations.start("operator", "app");
            migrations.approve("approver", id);
            migrations.awaitEnd(id, 900);
            Lab.awaitRecords("db", "app", "stream", Instant.now(), 120);
            JsonNode gap = Lab.gap(Lab.gaps("--since", String.valueOf(started.getEpochSecond())), "db", "app", "stream");
            System.out.printf("BENCH product qemuDowntimeMs=%d blockedMs=%d gapSeconds=%.2f%n",
                    migrations.variable(id, "migrationDowntimeMs").asLong(), migrations.variable(id, "blackoutMs").asLong(),
                    gap.get("longestGapSeconds").asDouble());
        }

        Lab.fresh();
        Instant plain = Instant.now();
        Lab.virsh("site-a", "migrate", "--live", "--p2p", "--tls", "--persistent", "--undefinesource", "app",
                "qemu+tls://203.0.113.2/system?pkipath=" + Lab.STATE.resolve("pki/libvirt-client"),
                "--migrateuri", "tcp://203.0.113.2").orFail("virsh migrate");
        String job = Lab.virsh("site-b", "domjobinfo", "app", "--completed").orFail("domjobinfo").out();
        long downtime = job.lines().filter(l -> l.startsWith("Total downtime:")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("\\D+", ""))).orElse(-1L);
        Thread.sleep(10_000);
        JsonNode gap = Lab.gap(Lab.gaps("--since", String.valueOf(plain.getEpochSecond())), "db", "app", "stream");
        System.out.printf("BENCH virsh qemuDowntimeMs=%d gapSeconds=%s%n", downtime,
                gap == null ? "none(no traffic after the move: nothing routes app at B without IPsec)" : gap.get("longestGapSeconds").asText());
    }
}
