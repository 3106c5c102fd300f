package com.slm.adapter;

import org.springframework.boot.actuate.health.Health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An adapter's health checks (one per host or gateway), run side by side with one time limit for all of them: a
 * daemon that hangs makes its own check DOWN ("no answer within 2 s"), never the health call hang. A check still
 * running from an earlier call is waited for again instead of being started twice, so a hung daemon holds one
 * thread however often an orchestrator asks. Each check returns what it found (e.g. a version) or throws; the
 * exception's message is shown to admins, so checks throw the adapters' own messages, which name files and
 * sockets but never their contents.
 */
public final class TimeLimitedHealthChecks implements AutoCloseable {
    private final Duration limit;
    private final ExecutorService threads;
    private final Map<String, Future<String>> running = new ConcurrentHashMap<>();

    public TimeLimitedHealthChecks(String threadName, Duration limit) {
        this.limit = limit;
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** UP when every check answered in time; the details name each check with what it found or why it failed. */
    public Health health(Map<String, Callable<String>> checks) {
        Map<String, Future<String>> started = new LinkedHashMap<>();
        checks.forEach((name, check) -> started.put(name, start(name, check)));
        long deadline = System.nanoTime() + limit.toNanos();
        Health.Builder health = Health.up();
        started.forEach((name, answer) -> {
            Map<String, String> outcome = outcome(answer, deadline);
            if (!"UP".equals(outcome.get("status"))) {
                health.down();
            }
            health.withDetail(name, outcome);
        });
        return health.build();
    }

    private Future<String> start(String name, Callable<String> check) {
        return running.compute(name, (n, earlier) -> earlier != null && !earlier.isDone() ? earlier : threads.submit(check));
    }

    private Map<String, String> outcome(Future<String> answer, long deadline) {
        try {
            String found = answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return outcome("UP", "found", found);
        } catch (TimeoutException e) {
            return outcome("DOWN", "error", "no answer within " + limitText());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return outcome("DOWN", "error", cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return outcome("DOWN", "error", "interrupted");
        }
    }

    /** Status first, then what was found or the error (in this order in the JSON an admin reads). */
    private static Map<String, String> outcome(String status, String key, String value) {
        Map<String, String> outcome = new LinkedHashMap<>();
        outcome.put("status", status);
        outcome.put(key, value);
        return outcome;
    }

    private String limitText() {
        long millis = limit.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
