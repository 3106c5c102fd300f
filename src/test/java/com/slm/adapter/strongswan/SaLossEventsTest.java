package com.slm.adapter.strongswan;

import com.slm.adapter.strongswan.vici.FakeCharons;
import com.slm.adapter.strongswan.vici.HungCharon;
import com.slm.adapter.strongswan.vici.ViciMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.slm.adapter.strongswan.vici.ViciTimeoutException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * charon's down events ask for a heal pass at once; the watchdog's tick opens again what charon ended (test doubles:
 * {@link FakeCharons}; the real charon: FailClosedLabIT).
 */
class SaLossEventsTest {
    private static final String CONN = "slm-secure-remote";
    private static final String CHILD = "slm-vm-app";

    @TempDir
    Path dir;

    private FakeCharons charons;
    private ViciGateways gateways;
    private SaLossEvents events;
    /** One permit per heal pass asked for. */
    private final Semaphore asked = new Semaphore(0);

    @BeforeEach
    void twoGateways() throws Exception {
        charons = new FakeCharons(dir, Duration.ZERO);
        gateways = new ViciGateways(IpsecNode.settings(charons, dir.resolve("psk")));
        events = new SaLossEvents(gateways, FakeCharons.ENVIRONMENTS, asked::release);
    }

    @AfterEach
    void stop() throws Exception {
        events.close();
        gateways.close();
        charons.close();
    }

    @Test
    void aChildSaOfTheProductReportedDownAsksForAPassAtOnce() throws Exception {
        events.keepSubscribed();
        assertThat(events.subscribed()).containsExactlyInAnyOrderElementsOf(FakeCharons.ENVIRONMENTS);

        charons.lose(CONN, CHILD); // both gateways report it down

        assertThat(asked.tryAcquire(2, 10, TimeUnit.SECONDS)).as("one pass asked for per report").isTrue();
    }

    @Test
    void upEventsAndTheSitesOwnConnectionsAskForNothing() throws Exception {
        events.keepSubscribed();

        charons.publish("remote", "child-updown", FakeCharons.childUpdown(CONN, CHILD, true));
        charons.publish("remote", "child-updown", FakeCharons.childUpdown("site-vpn", "office", false));
        charons.publish("remote", "ike-updown", ViciMessage.builder().addSection("site-vpn", ike -> ike.add("state", "DELETING")).build());
        // one connection delivers in order: once this one asked, the three before it were looked at
        charons.publish("remote", "ike-updown", ViciMessage.builder().addSection(CONN, ike -> ike.add("state", "DELETING")).build());

        assertThat(asked.tryAcquire(10, TimeUnit.SECONDS)).as("the product's IKE_SA went down").isTrue();
        assertThat(asked.availablePermits()).as("nothing else asked").isZero();
    }

    @Test
    void aSubscriptionCharonEndedIsOpenedAgainAtTheNextTick() throws Exception {
        events.keepSubscribed();

        charons.dropConnections("remote"); // charon of remote restarted
        awaitSubscribed(List.of("secure"));
        events.keepSubscribed();

        assertThat(events.subscribed()).containsExactlyInAnyOrderElementsOf(FakeCharons.ENVIRONMENTS);
        charons.publish("remote", "child-updown", FakeCharons.childUpdown(CONN, CHILD, false));
        assertThat(asked.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aCharonThatCannotBeSubscribedToIsLeftToTheScheduledPasses() {
        charons.refuseEvent("remote", "child-updown");

        events.keepSubscribed();
        events.keepSubscribed(); // asked again at each tick, without an exception

        assertThat(events.subscribed()).containsExactly("secure");
    }

    @Test
    void closedItListensNoMore() {
        events.keepSubscribed();

        events.close();
        events.keepSubscribed();

        assertThat(events.subscribed()).isEmpty();
        assertThat(Thread.getAllStackTraces().keySet()).as("no event thread left on these gateways")
                .noneMatch(t -> t.getName().startsWith("vici-events-") && t.getName().contains(dir.toString()));
    }

    /**
     * A hung charon (accepts, never answers) costs each tick one call timeout per attempt: after a call to it timed
     * out, the tick does not try to subscribe to it, until one of the pass's calls is answered again.
     */
    @Test
    void aHungCharonIsNotSubscribedToUntilACallIsAnsweredAgain() throws Exception {
        Path remote = dir.resolve("remote-charon.vici");
        try (HungCharon hung = new HungCharon(dir.resolve("hung.vici"))) {
            Files.createSymbolicLink(remote, hung.socket());
            ViciGateways shortCalls = new ViciGateways(IpsecNode.withSocket(IpsecNode.settings(charons, dir.resolve("psk")),
                    "remote", remote, Duration.ofMillis(300)));
            SaLossEvents watched = new SaLossEvents(shortCalls, FakeCharons.ENVIRONMENTS, asked::release);
            try {
                assertThatThrownBy(() -> shortCalls.call("remote", "list SAs", c -> c.listSas(null)))
                        .hasCauseInstanceOf(ViciTimeoutException.class);
                int attempts = hung.accepted();

                watched.keepSubscribed();
                watched.keepSubscribed();
                assertThat(watched.subscribed()).containsExactly("secure");
                assertThat(hung.accepted()).as("no subscription tried on the hung charon").isEqualTo(attempts);

                // charon of remote answers again: the tick still waits for one of the pass's calls to be answered
                Files.delete(remote);
                Files.createSymbolicLink(remote, Path.of(java.net.URI.create(charons.socket("remote")).getPath()));
                watched.keepSubscribed();
                assertThat(watched.subscribed()).containsExactly("secure");
                shortCalls.call("remote", "list SAs", c -> c.listSas(null));
                watched.keepSubscribed();
                assertThat(watched.subscribed()).containsExactlyInAnyOrderElementsOf(FakeCharons.ENVIRONMENTS);
            } finally {
                watched.close();
                shortCalls.close();
            }
        }
    }

    /** A subscription turns closed on its own thread, a moment after charon dropped it. */
    private void awaitSubscribed(List<String> environments) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!events.subscribed().equals(environments) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(events.subscribed()).isEqualTo(environments);
    }
}
