package com.slm.adapter.strongswan;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The kept CHILD_SAs' health, from what the watchdog's passes recorded (a fake clock, no charon). */
class ChildSasHealthIndicatorTest {
    private static final String CONN = "slm-secure-remote";
    private static final KeptChildren.Child APP = child("slm-vm-app");
    private static final KeptChildren.Child WEB = child("slm-vm-web");

    private final MovingClock clock = new MovingClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final ChildSaObservations observations = new ChildSaObservations(clock);
    private final ChildSasHealthIndicator indicator = new ChildSasHealthIndicator(observations, clock, Duration.ofSeconds(60));

    @Test
    void unknownUntilTheWatchdogsFirstPassThenDownIfItNeverComes() {
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UNKNOWN);

        clock.move(Duration.ofSeconds(61));

        Health health = indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("watchdog")).isEqualTo("no pass finished since the product started 61 s ago");
    }

    @Test
    void upWhenEveryKeptChildSaWasInstalledOnBothGateways() {
        pass(Map.of(APP, List.of(), WEB, List.of()));

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).doesNotContainKey("down");
        assertThat(children(health).get(CONN + "/slm-vm-app")).containsEntry("status", "UP").containsEntry("recoveries", 0L);
    }

    @Test
    void downNamingTheChildSaAndTheSiteThatLacksIt() {
        pass(Map.of(APP, List.of(), WEB, List.of()));
        clock.move(Duration.ofSeconds(2));
        Instant lost = clock.instant();
        pass(Map.of(APP, List.of("remote"), WEB, List.of()));

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("down")).isEqualTo(List.of(
                "CHILD_SA slm-secure-remote/slm-vm-app not INSTALLED on remote since " + lost));
        Map<String, Object> app = children(health).get(CONN + "/slm-vm-app");
        assertThat(app).containsEntry("status", "DOWN").containsEntry("notInstalledOn", List.of("remote"))
                .containsEntry("since", lost.toString()).containsEntry("lastSeenUp", lost.minusSeconds(2).toString());
        assertThat(children(health).get(CONN + "/slm-vm-web")).containsEntry("status", "UP");
    }

    @Test
    void aRecoveryIsCountedAndTheNextPassThatSeesItInstalledMakesItUp() {
        pass(Map.of(APP, List.of("secure", "remote")));
        observations.recovered(CONN, "slm-vm-app");
        assertThat(indicator.health().getStatus()).as("brought back, not yet seen installed").isEqualTo(Status.DOWN);

        clock.move(Duration.ofSeconds(2));
        pass(Map.of(APP, List.of()));

        Health health = indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(children(health).get(CONN + "/slm-vm-app")).containsEntry("recoveries", 1L)
                .containsEntry("since", clock.instant().toString());
    }

    @Test
    void anOldPassProvesNothing() {
        pass(Map.of(APP, List.of()));
        clock.move(Duration.ofSeconds(61));

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat((String) health.getDetails().get("watchdog")).contains("61 s ago").contains("out of date");
    }

    @Test
    void aChildSaBeingBroughtUpByAStepIsListedButDoesNotMakeItDown() {
        pass(Map.of(APP, List.of()));
        observations.passStarted(List.of(APP, WEB)); // web kept meanwhile; its connection was locked by the step
        observations.passFinished();

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(children(health).get(CONN + "/slm-vm-web")).isEqualTo(Map.of("status", "NOT_CHECKED_YET"));
    }

    @Test
    void aRemovedPolicyIsForgottenAtTheNextPass() {
        pass(Map.of(APP, List.of("remote"), WEB, List.of()));
        pass(Map.of(WEB, List.of()));

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(children(health)).containsOnlyKeys(CONN + "/slm-vm-web");
    }

    /** One watchdog pass that saw each child missing on the given environments (empty: INSTALLED on both). */
    private void pass(Map<KeptChildren.Child, List<String>> seen) {
        observations.passStarted(List.copyOf(seen.keySet()));
        seen.forEach((child, missingOn) -> observations.seen(child.conn(), child.child(), missingOn));
        observations.passFinished();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> children(Health health) {
        return (Map<String, Map<String, Object>>) health.getDetails().get("children");
    }

    private static KeptChildren.Child child(String name) {
        return new KeptChildren.Child(CONN, name, "secure", "remote", List.of("192.0.2.0/26"), List.of("192.0.2.11/32"));
    }

    private static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
