package com.slm.adapter.strongswan;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The watchdog's passes run one at a time, whoever asks; what is asked meanwhile makes exactly one more. */
class HealPassesTest {
    private final AtomicInteger passes = new AtomicInteger();
    private final AtomicInteger atOnce = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final List<String> threads = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstPassStarted = new CountDownLatch(1);
    private final CountDownLatch firstPassMayEnd = new CountDownLatch(1);
    private final HealPasses healPasses = new HealPasses(this::pass);

    @AfterEach
    void close() {
        firstPassMayEnd.countDown();
        healPasses.close();
    }

    private void pass() {
        mostAtOnce.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
        threads.add(Thread.currentThread().getName());
        try {
            if (passes.incrementAndGet() == 1) {
                firstPassStarted.countDown();
                firstPassMayEnd.await(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            atOnce.decrementAndGet();
        }
    }

    @Test
    void whatIsAskedForDuringAPassMakesExactlyOneMore() throws Exception {
        Thread scheduler = new Thread(healPasses::runNow, "scheduler");
        scheduler.start();
        assertThat(firstPassStarted.await(10, TimeUnit.SECONDS)).isTrue();

        for (int i = 0; i < 5; i++) {
            healPasses.request(); // charon's down events, several within milliseconds
        }
        healPasses.runNow(); // the next tick: returns at once
        firstPassMayEnd.countDown();
        scheduler.join(10_000);

        assertThat(passes).hasValue(2);
        assertThat(mostAtOnce).as("never two passes at once").hasValue(1);
        assertThat(threads).as("the running pass's thread runs the one more").containsExactly("scheduler", "scheduler");
    }

    @Test
    void anEventsPassRunsOnTheHealThreadAndAskingAgainAfterwardsRunsAnother() throws Exception {
        firstPassMayEnd.countDown();
        healPasses.request();
        awaitPasses(1);
        healPasses.request();
        awaitPasses(2);

        assertThat(threads).containsOnly(HealPasses.THREAD);
    }

    @Test
    void aPassThatThrowsDoesNotKeepTheNextFromRunning() {
        AtomicInteger calls = new AtomicInteger();
        try (HealPasses failingOnce = new HealPasses(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("the database went away");
            }
        })) {
            assertThatThrownBy(failingOnce::runNow).hasMessageContaining("database");
            failingOnce.runNow();
        }
        assertThat(calls).hasValue(2);
    }

    @Test
    void onceClosedNoPassStartsAndTheHealThreadEnds() throws Exception {
        firstPassMayEnd.countDown();
        healPasses.request();
        awaitPasses(1);

        healPasses.close();
        healPasses.request();
        healPasses.runNow();

        assertThat(healPasses.awaitStopped(10_000)).isTrue();
        assertThat(passes).hasValue(1);
        awaitNoThread(HealPasses.THREAD);
    }

    /** The pool says it stopped a moment before its worker thread has quite ended. */
    static void awaitNoThread(String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name)) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals(name));
    }

    private void awaitPasses(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (passes.get() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(passes).hasValue(n);
    }
}
