package com.slm.adapter.strongswan;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the {@link SaWatchdog}'s passes saw of each kept CHILD_SA, in memory, for the health check: the watchdog
 * already lists the SAs of both gateways every few seconds, so a health call reads this instead of asking charon
 * again. Connection, child and environment names only: no selectors, no SPIs, no keys.
 */
class ChildSaObservations {

    /**
     * One kept CHILD_SA as the watchdog last saw it.
     *
     * @param missingOn    the environments whose gateway did not list it INSTALLED (or did not answer); empty when
     *                     it was INSTALLED on both
     * @param since        when it was first seen in its current state (up or down)
     * @param lastSeenUp   the last pass that saw it INSTALLED on both, or null
     * @param lastSeenDown the last pass that saw it missing somewhere, or null
     * @param checkedAt    the last pass that looked at it; null while no pass has (a step is bringing it up and holds
     *                     its connection's lock)
     * @param recoveries   how often the watchdog brought it back since the product started
     */
    record Child(String conn, String child, List<String> missingOn, Instant since, Instant lastSeenUp,
                 Instant lastSeenDown, Instant checkedAt, long recoveries) {

        boolean checked() {
            return checkedAt != null;
        }

        boolean installedOnBoth() {
            return checked() && missingOn.isEmpty();
        }

        String name() {
            return conn + "/" + child;
        }

        static Child unchecked(String conn, String child) {
            return new Child(conn, child, List.of(), null, null, null, null, 0);
        }
    }

    /** The kept CHILD_SAs at the last pass, and when the watchdog started and last finished a pass (null: never). */
    record Snapshot(Instant watchingSince, Instant lastPass, List<Child> children) {
    }

    private final Clock clock;
    private final Instant watchingSince;
    private Instant lastPass;
    private final Map<String, Child> children = new TreeMap<>();

    ChildSaObservations(Clock clock) {
        this.clock = clock;
        this.watchingSince = clock.instant();
    }

    /** A pass begins with the kept CHILD_SAs: removed ones are forgotten, new ones wait for their first look. */
    synchronized void passStarted(List<KeptChildren.Child> kept) {
        Set<String> names = kept.stream().map(c -> c.conn() + "/" + c.child()).collect(Collectors.toSet());
        children.keySet().retainAll(names);
        kept.forEach(c -> children.putIfAbsent(c.conn() + "/" + c.child(), Child.unchecked(c.conn(), c.child())));
    }

    /** What one pass saw of one CHILD_SA: the environments that lack it (empty: INSTALLED on both). */
    synchronized void seen(String conn, String child, List<String> missingOn) {
        Instant now = clock.instant();
        Child before = children.getOrDefault(conn + "/" + child, Child.unchecked(conn, child));
        boolean up = missingOn.isEmpty();
        boolean changed = !before.checked() || before.missingOn().isEmpty() != up;
        children.put(before.name(), new Child(conn, child, List.copyOf(missingOn), changed ? now : before.since(),
                up ? now : before.lastSeenUp(), up ? before.lastSeenDown() : now, now, before.recoveries()));
    }

    /** The watchdog brought it back (initiated again); the next pass confirms whether it is INSTALLED on both. */
    synchronized void recovered(String conn, String child) {
        Child before = children.get(conn + "/" + child);
        if (before != null) {
            children.put(before.name(), new Child(conn, child, before.missingOn(), before.since(), before.lastSeenUp(),
                    before.lastSeenDown(), before.checkedAt(), before.recoveries() + 1));
        }
    }

    synchronized void passFinished() {
        lastPass = clock.instant();
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(watchingSince, lastPass, List.copyOf(children.values()));
    }
}
