package com.slm.lab;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lab from nothing and back to nothing: up, every guest's traffic flows, app goes to site B and back over
 * TLS (libvirt TLS and QEMU migration TLS) with its long-lived session intact, the interruption report reads,
 * down leaves nothing, and up works again right after. Ends with the lab up for the tests after it.
 */
class LabLifecycleLabIT {

    @Test
    void upMigrateRoundTripDownAndUpAgain() throws Exception {
        Lab.requireRoot();
        Lab.lab(300, "down").orFail("lab down (clean start)");
        long started = System.nanoTime();
        Lab.lab(900, "up").orFail("lab up");
        System.out.printf("lab up from nothing: %.1f s%n", (System.nanoTime() - started) / 1e9);

        assertThat(Lab.runningGuests("site-a")).containsExactlyInAnyOrder("db", "app", "web");
        awaitTraffic();

        Instant before = Instant.now();
        String appLogBefore = Files.readString(Lab.STATE.resolve("console/app.log"));
        migrate("site-a", "site-b", "203.0.113.2");
        assertThat(Lab.runningGuests("site-b")).containsExactly("app");
        String job = Lab.virsh("site-b", "domjobinfo", "app", "--completed").orFail("domjobinfo").out();
        System.out.println("app A -> B over TLS:\n" + job);
        migrate("site-b", "site-a", "203.0.113.1");
        assertThat(Lab.runningGuests("site-a")).contains("app");
        assertThat(Lab.runningGuests("site-b")).isEmpty();

        Thread.sleep(3000);
        String appLogAfter = Files.readString(Lab.STATE.resolve("console/app.log"));
        assertThat(appLogAfter.substring(appLogBefore.length()))
                .as("app's long-lived session to db survived the round trip").doesNotContain("broken db stream");
        JsonNode gaps = Lab.gaps("--since", String.valueOf(before.getEpochSecond()));
        JsonNode stream = Lab.gap(gaps, "db", "app", "stream");
        assertThat(stream).as("db kept receiving app's stream").isNotNull();
        System.out.println("interruption report during the round trip:\n" + Lab.lab(30, "gaps", "--since",
                String.valueOf(before.getEpochSecond())).out());

        Lab.lab(300, "down").orFail("lab down");
        assertNothingLeft();

        Lab.lab(900, "up").orFail("lab up right after down");
        assertThat(Lab.runningGuests("site-a")).containsExactlyInAnyOrder("db", "app", "web");
        awaitTraffic();
    }

    private static void migrate(String from, String to, String toAddress) {
        Lab.virsh(from, "migrate", "--live", "--p2p", "--tls", "--persistent", "--undefinesource", "app",
                "qemu+tls://" + toAddress + "/system?pkipath=" + Lab.STATE.resolve("pki/libvirt-client"),
                "--migrateuri", "tcp://" + toAddress).orFail("virsh migrate app " + from + " -> " + to);
    }

    /** Every peer relation of the lab shows fresh records. */
    private static void awaitTraffic() throws InterruptedException {
        List<String[]> expected = List.of(new String[]{"db", "app", "stream"}, new String[]{"db", "app", "conn"},
                new String[]{"db", "web", "stream"}, new String[]{"db", "web", "conn"},
                new String[]{"legacy", "app", "stream"});
        long deadline = System.currentTimeMillis() + 120_000;
        String missing = "";
        while (System.currentTimeMillis() < deadline) {
            JsonNode gaps = Lab.gaps("--since", String.valueOf(Instant.now().minusSeconds(5).getEpochSecond()));
            missing = "";
            for (String[] e : expected) {
                JsonNode record = Lab.gap(gaps, e[0], e[1], e[2]);
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

    private static void assertNothingLeft() {
        String namespaces = Lab.run(10, "ip", "netns", "list").out();
        for (String n : List.of("wan", "site-a", "site-b", "core")) {
            assertThat(namespaces.lines().map(l -> l.split(" ")[0])).as("namespace " + n).doesNotContain(Lab.ns(n));
        }
        assertThat(Files.exists(Lab.STATE)).as(Lab.STATE + " removed").isFalse();
        String processes = Lab.run(10, "ps", "-eo", "args").out();
        assertThat(processes.lines().filter(l -> l.contains(Lab.STATE.toString()) && !l.startsWith("ps "))).isEmpty();
        assertThat(processes.lines().filter(l -> l.contains("qemu-system") && l.contains("slm.role="))).isEmpty();
    }
}
