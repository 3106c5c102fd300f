package com.slm.adapter.libvirt;

import com.slm.domain.HostRef;
import com.slm.domain.MigrationRequest;
import com.slm.domain.VmPlacement;
import com.slm.port.PortException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The runner's claim on a VM, its waits and the outcome it keeps; libvirt's blocking call is a test double. */
class MigrationJobRunnerTest {
    static final HostRef A = new HostRef("secure", "site-a");
    static final HostRef B = new HostRef("remote", "site-b");
    static final long WAIT_SECONDS = 10;

    final HeldMigrations migrations = new HeldMigrations();
    final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void releaseEverything() {
        migrations.releaseAll();
        callers.shutdownNow();
    }

    @Test
    void concurrentStartsOfOneVmStartOneMigration() throws Exception {
        MigrationJobRunner runner = runner(Duration.ofSeconds(WAIT_SECONDS));
        MigrationRequest request = request("app", A, B);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> starts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            starts.add(callers.submit(() -> {
                go.await();
                return runner.start(request, plan(request), migrations.placementOf(request));
            }));
        }
        go.countDown();
        List<Boolean> started = new ArrayList<>();
        for (Future<Boolean> start : starts) {
            started.add(start.get(WAIT_SECONDS, TimeUnit.SECONDS));
        }
        assertThat(started).containsOnlyOnce(true);
        assertThat(migrations.calls("app")).isEqualTo(1);
    }

    @Test
    void aStartWaitingForLibvirtToShowItsJobDoesNotHoldUpAnotherVm() throws Exception {
        MigrationJobRunner runner = runner(Duration.ofSeconds(WAIT_SECONDS));
        MigrationRequest app = request("app", A, B);
        MigrationRequest db = request("db", A, B);
        // app's job never shows: its start keeps looking until the start timeout
        Future<Boolean> appStart = callers.submit(() -> runner.start(app, plan(app), () -> VmPlacement.RUNNING_AT_SOURCE));
        migrations.awaitCall("app");

        assertThat(runner.start(db, plan(db), migrations.placementOf(db))).isTrue();
        assertThat(appStart).as("app's start still waits for its job").isNotDone();
        assertThat(migrations.calls("db")).isEqualTo(1);
    }

    @Test
    void aSecondStartFromTheSameSourceWhileTheMigrationRunsStartsNothing() {
        MigrationJobRunner runner = runner(Duration.ofSeconds(WAIT_SECONDS));
        MigrationRequest request = request("app", A, B);
        assertThat(runner.start(request, plan(request), migrations.placementOf(request))).isTrue();

        AtomicInteger looks = new AtomicInteger();
        assertThat(runner.start(request, plan(request), () -> {
            looks.incrementAndGet();
            return VmPlacement.RUNNING_AT_SOURCE;
        })).isFalse();
        assertThat(looks).as("libvirt is not even asked").hasValue(0);
        assertThat(migrations.calls("app")).isEqualTo(1);
    }

    @Test
    void aStartWhenTheVmIsNoLongerAtTheSourceStartsNothing() {
        MigrationJobRunner runner = runner(Duration.ofSeconds(WAIT_SECONDS));
        MigrationRequest request = request("app", A, B);
        assertThat(runner.start(request, plan(request), () -> VmPlacement.PAUSED_AT_TARGET)).isFalse();
        assertThat(migrations.calls("app")).isZero();
        assertThat(runner.lastStarted("app")).isEmpty();
    }

    @Test
    void aPausedVmAtTheSourceIsMigratedToo() {
        MigrationJobRunner runner = runner(Duration.ofSeconds(WAIT_SECONDS));
        MigrationRequest request = request("app", A, B);
        assertThat(runner.start(request, plan(request), () -> VmPlacement.PAUSED_AT_SOURCE)).isTrue();
        migrations.awaitCall("app");
        assertThat(runner.lastStarted("app")).get().extracting(job -> job.request).isEqualTo(request);
    }

    @Test
    void theMoveBackWaitsForTheMoveTheresCallToReturn() throws Exception {
        MigrationJobRunner runner = runner(Duration.ofSeconds(WAIT_SECONDS));
        MigrationRequest there = request("app", A, B);
        MigrationRequest back = request("app", B, A);
        assertThat(runner.start(there, plan(there), migrations.placementOf(there))).isTrue();

        Future<Boolean> backStart = callers.submit(() -> runner.start(back, plan(back),
                () -> migrations.calls("app") > 1 ? VmPlacement.MIGRATING : VmPlacement.RUNNING_AT_SOURCE));
        Thread.sleep(300);
        assertThat(backStart).isNotDone();
        assertThat(migrations.calls("app")).isEqualTo(1);

        migrations.release("app");
        assertThat(backStart.get(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(migrations.calls("app")).isEqualTo(2);
        assertThat(runner.lastStarted("app")).get().extracting(job -> job.request).isEqualTo(back);
    }

    @Test
    void theMoveBackGivesUpRetryablyWhenTheMoveTheresCallDoesNotReturn() {
        MigrationJobRunner runner = runner(Duration.ofMillis(300));
        MigrationRequest there = request("app", A, B);
        MigrationRequest back = request("app", B, A);
        runner.start(there, plan(there), migrations.placementOf(there));

        assertThatThrownBy(() -> runner.start(back, plan(back), () -> VmPlacement.RUNNING_AT_SOURCE))
                .isInstanceOf(PortException.class)
                .hasMessage("the previous migration of VM 'app' (to remote/site-b) has not returned yet")
                .matches(e -> ((PortException) e).isRetryable());
        assertThat(migrations.calls("app")).isEqualTo(1);
    }

    @Test
    void aMigrationThatEndedCanBeFollowedByAnother() throws Exception {
        MigrationJobRunner runner = runner(Duration.ofSeconds(WAIT_SECONDS));
        MigrationRequest request = request("app", A, B);
        runner.start(request, plan(request), migrations.placementOf(request));
        migrations.release("app");
        assertThat(runner.lastStarted("app").orElseThrow().awaitEnd(Duration.ofSeconds(WAIT_SECONDS))).isTrue();

        assertThat(runner.start(request, plan(request),
                () -> migrations.calls("app") > 1 ? VmPlacement.MIGRATING : VmPlacement.RUNNING_AT_SOURCE)).isTrue();
        assertThat(migrations.calls("app")).isEqualTo(2);
    }

    @Test
    void theOutcomeOfAFailedMigrationIsKept() {
        MigrationJobRunner runner = runner(Duration.ofSeconds(WAIT_SECONDS));
        MigrationRequest request = request("app", A, B);
        migrations.failWith("app", new IllegalStateException("no route to site-b"));

        assertThat(runner.start(request, plan(request), () -> VmPlacement.RUNNING_AT_SOURCE))
                .as("a migration that already ended counts as shown").isTrue();
        MigrationJob job = runner.lastStarted("app").orElseThrow();
        assertThat(job.ended()).isTrue();
        assertThat(job.failure()).contains("java.lang.IllegalStateException: no route to site-b");
    }

    @Test
    void aStartStillDecidingShowsTheLastOutcomeAndLeavesItWhenItStartsNothing() throws Exception {
        MigrationJobRunner runner = runner(Duration.ofSeconds(WAIT_SECONDS));
        MigrationRequest request = request("app", A, B);
        migrations.failWith("app", new IllegalStateException("first attempt"));
        runner.start(request, plan(request), () -> VmPlacement.RUNNING_AT_SOURCE);

        CountDownLatch looking = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        Future<Boolean> retry = callers.submit(() -> runner.start(request, plan(request), () -> {
            looking.countDown();
            await(answer);
            return VmPlacement.PAUSED_AT_TARGET;
        }));
        assertThat(looking.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(runner.lastStarted("app").flatMap(MigrationJob::failure)).contains("java.lang.IllegalStateException: first attempt");

        answer.countDown();
        assertThat(retry.get(WAIT_SECONDS, TimeUnit.SECONDS)).isFalse();
        assertThat(runner.lastStarted("app").flatMap(MigrationJob::failure)).contains("java.lang.IllegalStateException: first attempt");
    }

    @Test
    void aStartWhoseLookFailsLeavesTheVmFreeForTheNextStart() {
        MigrationJobRunner runner = runner(Duration.ofSeconds(WAIT_SECONDS));
        MigrationRequest request = request("app", A, B);
        assertThatThrownBy(() -> runner.start(request, plan(request), () -> {
            throw new PortException("libvirt on secure/site-a: look up app got no answer within 30 s", true);
        })).isInstanceOf(PortException.class);
        assertThat(runner.lastStarted("app")).isEmpty();

        assertThat(runner.start(request, plan(request), migrations.placementOf(request))).isTrue();
        assertThat(migrations.calls("app")).isEqualTo(1);
    }

    @Test
    void aSecondStartWaitsForTheFirstToDecideThenStartsNothing() throws Exception {
        MigrationJobRunner runner = runner(Duration.ofSeconds(WAIT_SECONDS));
        MigrationRequest request = request("app", A, B);
        CountDownLatch looking = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        Future<Boolean> first = callers.submit(() -> runner.start(request, plan(request), () -> {
            looking.countDown();
            await(answer);
            return migrations.placementOf(request).get();
        }));
        assertThat(looking.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        Future<Boolean> second = callers.submit(() -> runner.start(request, plan(request), migrations.placementOf(request)));
        Thread.sleep(300);
        assertThat(second).as("the second start waits while the first decides").isNotDone();

        answer.countDown();
        assertThat(first.get(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(second.get(WAIT_SECONDS, TimeUnit.SECONDS)).isFalse();
        assertThat(migrations.calls("app")).isEqualTo(1);
    }

    @Test
    void waitingForTheEndReturnsOnceTheMigrationEndedOrTheLimitPassed() throws Exception {
        MigrationJobRunner runner = runner(Duration.ofSeconds(WAIT_SECONDS));
        MigrationRequest request = request("app", A, B);
        runner.awaitEnd("app", Duration.ofSeconds(WAIT_SECONDS));   // no job: no wait
        runner.start(request, plan(request), migrations.placementOf(request));

        long before = System.nanoTime();
        runner.awaitEnd("app", Duration.ofMillis(200));
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(Duration.ofMillis(200));

        Future<?> waiting = callers.submit(() -> runner.awaitEnd("app", Duration.ofSeconds(WAIT_SECONDS)));
        migrations.release("app");
        waiting.get(WAIT_SECONDS / 2, TimeUnit.SECONDS);
        assertThat(runner.lastStarted("app").orElseThrow().failure()).isEmpty();
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    MigrationJobRunner runner(Duration startTimeout) {
        return new MigrationJobRunner(migrations,
                new LibvirtProperties(32, List.of(), Duration.ofSeconds(30), 5, 3, startTimeout));
    }

    static MigrationRequest request(String vm, HostRef source, HostRef target) {
        return new MigrationRequest(vm, source, target, "test", null, null, false, null);
    }

    static MigrationPlan plan(MigrationRequest request) {
        return new MigrationPlan("qemu+tls://" + request.target().host() + "/system", "tcp://" + request.target().host(), 0, List.of());
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("the test never released the latch");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * libvirt's blocking call, held until the test releases it (or failing at once when told to), counting its calls
     * per VM; the VM shows as migrating from its first call on, as libvirt shows a job.
     */
    static final class HeldMigrations implements MigrationJobRunner.BlockingMigration {
        private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();
        private final Map<String, CountDownLatch> called = new ConcurrentHashMap<>();
        private final Map<String, RuntimeException> failures = new ConcurrentHashMap<>();

        @Override
        public void migrate(MigrationRequest request, MigrationPlan plan) {
            String vm = request.vmName();
            calls.computeIfAbsent(vm, k -> new AtomicInteger()).incrementAndGet();
            called.computeIfAbsent(vm, k -> new CountDownLatch(1)).countDown();
            RuntimeException failure = failures.remove(vm);
            if (failure != null) {
                throw failure;
            }
            await(held.computeIfAbsent(vm, k -> new CountDownLatch(1)));
        }

        int calls(String vm) {
            AtomicInteger count = calls.get(vm);
            return count == null ? 0 : count.get();
        }

        void awaitCall(String vm) {
            await(called.computeIfAbsent(vm, k -> new CountDownLatch(1)));
        }

        void failWith(String vm, RuntimeException failure) {
            failures.put(vm, failure);
        }

        /** Ends the VM's migration in progress (the next one is held again). */
        void release(String vm) {
            CountDownLatch latch = held.remove(vm);
            if (latch != null) {
                latch.countDown();
            }
        }

        void releaseAll() {
            held.keySet().forEach(this::release);
        }

        /** At the source until the migration's first call, then migrating. */
        Supplier<VmPlacement> placementOf(MigrationRequest request) {
            return () -> calls(request.vmName()) > 0 ? VmPlacement.MIGRATING : VmPlacement.RUNNING_AT_SOURCE;
        }
    }
}
