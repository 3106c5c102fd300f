package com.slm.logging;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class LogContextTest {
    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
        MDC.clear();
    }

    @Test
    void aThreadStartedForAStepCarriesTheStepsContextAndGivesItBackAfterwards() throws Exception {
        MDC.put(LogContext.VM, "app");
        MDC.put(LogContext.BLOCK, "Block325_CloseVmAtSource");
        Map<String, String> seen = pool.submit(LogContext.carried(MDC::getCopyOfContextMap)).get(5, TimeUnit.SECONDS);
        MDC.clear();
        Map<String, String> afterwards = pool.submit(MDC::getCopyOfContextMap).get(5, TimeUnit.SECONDS);

        assertThat(seen).containsEntry(LogContext.VM, "app").containsEntry(LogContext.BLOCK, "Block325_CloseVmAtSource");
        assertThat(afterwards == null ? Map.of() : afterwards).as("the pool thread is clean for its next task").isEmpty();
    }

    @Test
    void aKeySetForAWhileGivesBackWhatWasThere() {
        MDC.put(LogContext.VM, "app");
        try (LogContext.Scope scope = LogContext.with(LogContext.VM, "web")) {
            assertThat(MDC.get(LogContext.VM)).isEqualTo("web");
        }
        assertThat(MDC.get(LogContext.VM)).isEqualTo("app");
        try (LogContext.Scope scope = LogContext.with(LogContext.IPSEC_CONN, "slm-secure-remote")) {
            assertThat(MDC.get(LogContext.IPSEC_CONN)).isEqualTo("slm-secure-remote");
        }
        assertThat(MDC.get(LogContext.IPSEC_CONN)).isNull();
    }

    @Test
    void workOnBothDaemonsRunsAtOnceWithTheContextAndReturnsBothResults() {
        MDC.put(LogContext.VM, "app");
        java.util.concurrent.CountDownLatch both = new java.util.concurrent.CountDownLatch(2);
        java.util.function.Supplier<String> meetThenReadVm = () -> {
            both.countDown();
            try {
                // each half waits for the other: this only returns when both run at the same time
                assertThat(both.await(5, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return MDC.get(LogContext.VM);
        };
        assertThat(LogContext.bothAtOnce(meetThenReadVm, meetThenReadVm)).containsExactly("app", "app");
    }

    @Test
    void aFailureOfEitherHalfIsRethrownAsItWas() {
        IllegalStateException boom = new IllegalStateException("charon of remote does not answer");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LogContext.bothAtOnce(() -> {
            throw boom;
        }, () -> "fine")).isSameAs(boom);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LogContext.bothAtOnce(() -> "fine", () -> {
            throw boom;
        })).isSameAs(boom);
    }
}
