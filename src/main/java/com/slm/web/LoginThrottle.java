package com.slm.web;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Failed logins per client address: after {@code maxFailures} failures within {@code window} (counted from the
 * first of them), that address is refused until the window ends; a success resets it. Other addresses are never
 * affected. Memory is bounded: at most {@code maxClients} addresses are tracked; when full, expired entries go first,
 * then the oldest one (an attacker with many addresses can only shorten the memory of its own kind, never block
 * anyone). Thread-safe.
 */
public final class LoginThrottle {
    private final int maxFailures;
    private final long windowMillis;
    private final int maxClients;
    private final LongSupplier clock;
    /** Insertion order = order of each entry's first failure, so expired entries are always at the head. */
    private final LinkedHashMap<String, Entry> clients = new LinkedHashMap<>();

    private static final class Entry {
        final long since;
        int failures;

        Entry(long since) {
            this.since = since;
        }
    }

    public LoginThrottle(int maxFailures, Duration window, int maxClients, LongSupplier clockMillis) {
        if (maxFailures < 1 || window.isNegative() || window.isZero() || maxClients < 1) {
            throw new IllegalArgumentException("max-failures, window and max-clients must be positive");
        }
        this.maxFailures = maxFailures;
        this.windowMillis = window.toMillis();
        this.maxClients = maxClients;
        this.clock = clockMillis;
    }

    /** 0 when {@code client} may try to log in now, else the seconds until it may (for Retry-After). */
    public synchronized long retryAfterSeconds(String client) {
        Entry entry = current(client, clock.getAsLong());
        if (entry == null || entry.failures < maxFailures) {
            return 0;
        }
        long left = entry.since + windowMillis - clock.getAsLong();
        return Math.max(1, (left + 999) / 1000);
    }

    public synchronized void failure(String client) {
        long now = clock.getAsLong();
        Entry entry = current(client, now);
        if (entry == null) {
            evictForOneMore(now);
            entry = new Entry(now);
            clients.put(client, entry);
        }
        entry.failures++;
    }

    public synchronized void success(String client) {
        clients.remove(client);
    }

    public synchronized int trackedClients() {
        return clients.size();
    }

    private Entry current(String client, long now) {
        Entry entry = clients.get(client);
        if (entry != null && now - entry.since >= windowMillis) {
            clients.remove(client);
            return null;
        }
        return entry;
    }

    private void evictForOneMore(long now) {
        Iterator<Map.Entry<String, Entry>> head = clients.entrySet().iterator();
        while (head.hasNext()) {
            Map.Entry<String, Entry> oldest = head.next();
            if (now - oldest.getValue().since >= windowMillis || clients.size() >= maxClients) {
                head.remove();
            } else {
                return;
            }
        }
    }
}
