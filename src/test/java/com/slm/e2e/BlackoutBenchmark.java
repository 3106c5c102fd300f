package com.slm.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slm.lab.Lab;

import java.time.Instant;
import java.util.Locale;

import static com.slm.domain.ProcessVariables.APPROVAL_TASK;
import static com.slm.domain.ProcessVariables.BLACKOUT_MS;
import static com.slm.domain.ProcessVariables.MIGRATION_DOWNTIME_MS;

/**
 * Not a test: a program, one measured round for scripts/bench-blackout, which runs its {@link #main} on the test
 * class path (no build runs it). Each round migrates app from site A to site B three times, each time on a fresh
 * lab, while the lab's probe (a peer on subnet 1) pings app every 20 ms: a plain {@code virsh migrate --p2p --tls},
 * the product in strict mode, the product in minimal mode. For each it prints one line
 * {@code BENCH round=N kind=K qemuDowntimeMs=.. peerGapMs=.. guestGapMs=.. ...}: (a) QEMU's downtime, (b) the
 * longest time the probe got no reply, (c) the longest gap in app's long-lived session as db logged it, (d) for the
 * product, the time from the approval to the end. Nothing is asserted on time.
 */
public final class BlackoutBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long the probe keeps listening after the end: a peer that never gets app back shows it here. */
    private static final long AFTER_MS = 3000;

    private BlackoutBenchmark() {
    }

    /** One round; exits when done (the product's and libvirt's threads would keep the JVM alive). */
    public static void main(String[] args) throws Exception {
        int status = 1;
        try {
            int round = args.length > 0 ? Integer.parseInt(args[0]) : 1;
            plainVirsh(round);
            product(round, "strict");
            product(round, "minimal");
            status = 0;
        } catch (Throwable e) {
            // printed here: System.exit below would otherwise end the JVM before it reports what went wrong
            e.printStackTrace();
        } finally {
            Lab.lab(30, "probe-stop");
            System.exit(status);
        }
    }

    static void plainVirsh(int round) throws Exception {
        Lab.fresh();
        startProbe();
        long t0 = System.currentTimeMillis();
        Lab.virsh("site-a", "migrate", "--live", "--p2p", "--tls", "--persistent", "--undefinesource", "app",
                "qemu+tls://203.0.113.2/system?pkipath=" + Lab.STATE.resolve("pki/libvirt-client"),
                "--migrateuri", "tcp://203.0.113.2").orFail("virsh migrate");
        long t1 = System.currentTimeMillis();
        String job = Lab.virsh("site-b", "domjobinfo", "app", "--completed").orFail("domjobinfo").out();
        long downtime = job.lines().filter(l -> l.startsWith("Total downtime:")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("\\D+", ""))).orElse(-1L);
        Figures f = measure(t0, t1);
        // after a plain migration nothing routes app at site B back to the secure side (except the clear WAN path
        // the lab leaves on purpose): the probe loses app for good, which the gap up to the window's end shows
        System.out.printf(Locale.ROOT, "BENCH round=%d kind=virsh qemuDowntimeMs=%d wallMs=%d peerGapMs=%d guestGapMs=%d lostForGood=%b%n",
                round, downtime, t1 - t0, f.peerGapMs, f.guestGapMs, f.peerGapEndsAtWindowEnd);
    }

    static void product(int round, String mode) throws Exception {
        Lab.fresh();
        try (RunningProduct product = RunningProduct.start()) {
            Migrations migrations = new Migrations(product);
            String id = migrations.start("operator", "app", mode);
            migrations.awaitTask("approver", id);
            startProbe();
            long t0 = System.currentTimeMillis();
            migrations.approve("approver", id);
            migrations.awaitEnd(id, 900);
            long t1 = System.currentTimeMillis();
            Figures f = measure(t0, t1);
            System.out.printf(Locale.ROOT, "BENCH round=%d kind=%s qemuDowntimeMs=%d peerGapMs=%d guestGapMs=%d approvalToEndMs=%d productBlackoutMs=%d%n",
                    round, mode, migrations.variable(id, MIGRATION_DOWNTIME_MS).asLong(), f.peerGapMs, f.guestGapMs,
                    t1 - t0, migrations.variable(id, BLACKOUT_MS).asLong());
            System.out.println(timeline(round, mode, migrations.activities(id)));
        }
    }

    /**
     * Where the time went: each step after the approval as {@code id@start+duration} in ms from the approval's end,
     * from the engine's history (the wait loops of 330 appear once per visit).
     */
    static String timeline(int round, String mode, java.util.List<JsonNode> activities) {
        Instant approved = activities.stream().filter(Migrations.activity(APPROVAL_TASK)).findFirst()
                .map(a -> instant(a.get("endTime").asText())).orElseThrow();
        StringBuilder line = new StringBuilder("TIMELINE round=" + round + " kind=" + mode);
        for (JsonNode a : activities) {
            if (!a.hasNonNull("endTime") || a.get("activityType").asText().contains("Gateway")
                    || instant(a.get("startTime").asText()).isBefore(approved)) {
                continue;
            }
            long start = java.time.Duration.between(approved, instant(a.get("startTime").asText())).toMillis();
            line.append(' ').append(a.get("activityId").asText()).append('@').append(start).append('+')
                    .append(a.get("durationInMillis").asLong());
        }
        return line.toString();
    }

    private static Instant instant(String engineTime) {
        return java.time.OffsetDateTime.parse(engineTime, java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")).toInstant();
    }

    private static void startProbe() throws InterruptedException {
        Lab.lab(30, "probe-start", "192.0.2.11").orFail("probe-start");
        Thread.sleep(2000);
    }

    record Figures(long peerGapMs, long guestGapMs, boolean peerGapEndsAtWindowEnd) {
    }

    /** Stops the probe and reads the longest gaps in [t0, t1 + AFTER_MS]. */
    private static Figures measure(long t0, long t1) throws Exception {
        Thread.sleep(AFTER_MS);
        Lab.lab(30, "probe-stop");
        double since = t0 / 1000.0;
        double until = (t1 + AFTER_MS) / 1000.0;
        JsonNode probe = JSON.readTree(Lab.lab(30, "probe-gap", String.format(Locale.ROOT, "%.3f", since),
                String.format(Locale.ROOT, "%.3f", until)).orFail("probe-gap").out());
        long peerGap = Math.round(probe.get("longestGapSeconds").asDouble() * 1000);
        boolean toTheEnd = Math.abs(probe.get("gapStart").asDouble() + probe.get("longestGapSeconds").asDouble() - until) < 0.05;
        JsonNode guest = Lab.gap(Lab.gaps("--since", String.valueOf(t0 / 1000), "--until", String.valueOf(Instant.ofEpochMilli(t1 + AFTER_MS).getEpochSecond())),
                "db", "app", "stream");
        long guestGap = guest == null ? -1 : Math.round(guest.get("longestGapSeconds").asDouble() * 1000);
        return new Figures(peerGap, guestGap, toTheEnd);
    }
}
