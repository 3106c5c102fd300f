package com.slm.adapter;

import com.slm.port.PortException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A hung daemon makes its own check DOWN within the limit, never the health call hang, and holds one thread only. */
class TimeLimitedHealthChecksTest {
    private final CountDownLatch released = new CountDownLatch(1);
    private final TimeLimitedHealthChecks checks = new TimeLimitedHealthChecks("test-health", Duration.ofMillis(300));

    @AfterEach
    void release() {
        released.countDown();
        checks.close();
    }

    @Test
    void everyCheckThatAnswersInTimeIsUpWithWhatItFound() {
        Health health = checks.health(Map.of("secure/site-a", () -> "libvirt 9.0.0"));

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails().get("secure/site-a")).isEqualTo(Map.of("status", "UP", "found", "libvirt 9.0.0"));
    }

    @Test
    void aHungCheckIsDownAfterTheLimitAndTheOthersStillAnswer() {
        Map<String, Callable<String>> each = new LinkedHashMap<>();
        each.put("secure/site-a", () -> "libvirt 9.0.0");
        each.put("remote/site-b", this::hang);
        long started = System.nanoTime();

        Health health = checks.health(each);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("remote/site-b")).isEqualTo(Map.of("status", "DOWN", "error", "no answer within 300 ms"));
        assertThat(health.getDetails().get("secure/site-a")).isEqualTo(Map.of("status", "UP", "found", "libvirt 9.0.0"));
    }

    @Test
    void aCheckStillHungFromAnEarlierCallIsWaitedForNotStartedAgain() {
        AtomicInteger started = new AtomicInteger();
        Callable<String> hung = () -> {
            started.incrementAndGet();
            return hang();
        };
        for (int call = 0; call < 5; call++) {
            assertThat(checks.health(Map.of("remote", hung)).getStatus()).isEqualTo(Status.DOWN);
        }
        assertThat(started.get()).isEqualTo(1);
    }

    @Test
    void aFailedCheckIsDownWithTheAdaptersMessage() {
        Health health = checks.health(Map.of("remote", () -> {
            throw new PortException("charon of remote (/run/charon.vici): version failed: connection refused", true);
        }));

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("remote")).isEqualTo(Map.of("status", "DOWN",
                "error", "charon of remote (/run/charon.vici): version failed: connection refused"));
    }

    private String hang() throws InterruptedException {
        released.await();
        return "too late";
    }
}
