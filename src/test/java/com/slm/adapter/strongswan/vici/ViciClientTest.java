package com.slm.adapter.strongswan.vici;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Protocol-level behaviour of {@link ViciClient} against {@link FakeViciPeer} (the real charon: ViciCharonLabIT). */
class ViciClientTest {
    private static final Duration SHORT = Duration.ofMillis(300);
    private static final Duration LONG = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private FakeViciPeer peer;
    private ViciClient client;

    @AfterEach
    void tearDown() throws IOException {
        if (client != null) {
            client.close();
        }
        if (peer != null) {
            peer.close();
        }
    }

    private ViciClient clientFor(FakeViciPeer p, Duration timeout) {
        peer = p;
        client = new ViciClient(p.endpoint(), timeout);
        return client;
    }

    @Test
    void asksForTheVersionOverAUnixSocket() throws IOException {
        ViciClient c = clientFor(FakeViciPeer.unix(dir), LONG);

        ViciVersion version = c.version();

        assertThat(version).isEqualTo(new ViciVersion("charon", "5.9.8", "Linux", "6.1", "x86_64"));
        assertThat(peer.received()).extracting(r -> r.packet().name()).containsExactly("version");
    }

    @Test
    void asksForTheVersionOverTcp() throws IOException {
        ViciClient c = clientFor(FakeViciPeer.tcp(), LONG);

        assertThat(c.version().daemon()).isEqualTo("charon");
    }

    @Test
    void reusesOneConnectionForManyCalls() throws IOException {
        ViciClient c = clientFor(FakeViciPeer.unix(dir), LONG);

        c.version();
        c.version();
        c.version();

        assertThat(peer.connectionCount()).isEqualTo(1);
    }

    @Test
    void failsClearlyWhenNobodyListens() {
        client = new ViciClient(ViciEndpoint.unix(dir.resolve("absent.vici")), LONG);

        assertThatThrownBy(client::version)
                .isInstanceOf(ViciConnectionException.class)
                .hasMessageContaining("cannot connect to charon's vici socket unix://" + dir.resolve("absent.vici"))
                .satisfies(e -> assertThat(((ViciException) e).isRetryable()).isTrue());
    }

    @Test
    void timesOutDiscardsTheConnectionAndReconnectsOnTheNextCall() throws IOException {
        ViciClient c = clientFor(FakeViciPeer.unix(dir), SHORT);
        peer.on("stats", (args, s) -> s.hang());

        assertThatThrownBy(c::stats)
                .isInstanceOf(ViciTimeoutException.class)
                .hasMessageContaining("did not respond within 300 ms")
                .satisfies(e -> assertThat(((ViciException) e).isRetryable()).isTrue());
        assertThat(c.isConnected()).isFalse();

        assertThat(c.version().daemon()).isEqualTo("charon");
        assertThat(peer.connectionCount()).isEqualTo(2);
        assertThat(peer.received()).extracting(FakeViciPeer.Received::connection).containsExactly(1, 2);
    }

    @Test
    void reconnectsAfterThePeerDropsTheConnection() throws IOException {
        ViciClient c = clientFor(FakeViciPeer.unix(dir), LONG);
        c.version();
        peer.on("stats", (args, s) -> s.drop());

        assertThatThrownBy(c::stats)
                .isInstanceOf(ViciConnectionException.class)
                .hasMessageContaining("charon closed the vici connection")
                .satisfies(e -> assertThat(((ViciException) e).isRetryable()).isTrue());

        assertThat(c.version().version()).isEqualTo("5.9.8");
        assertThat(peer.connectionCount()).isEqualTo(2);
    }

    @Test
    void reconnectsAfterAllConnectionsWereDroppedBetweenCalls() throws IOException {
        ViciClient c = clientFor(FakeViciPeer.unix(dir), LONG);
        c.version();
        peer.dropAll();

        // the first call after the drop sees the dead socket, the next one reconnects
        try {
            c.version();
        } catch (ViciConnectionException expected) {
            assertThat(expected.isRetryable()).isTrue();
        }
        assertThat(c.version().daemon()).isEqualTo("charon");
    }

    @Test
    void endOfStreamInsideAPacketIsARetryableProtocolError() throws IOException {
        ViciClient c = clientFor(FakeViciPeer.unix(dir), LONG);
        peer.on("stats", (args, s) -> {
            s.raw(new byte[]{0, 0, 0, 50, 1, 3});
            s.drop();
        });

        assertThatThrownBy(c::stats)
                .isInstanceOf(ViciProtocolException.class)
                .hasMessageContaining("ended in the middle of a VICI packet (2 of 50 packet bytes read)")
                .satisfies(e -> assertThat(((ViciException) e).isRetryable()).isTrue());
        assertThat(c.isConnected()).isFalse();
    }

    @Test
    void aPacketThatStopsHalfwayTimesOutInsteadOfHanging() throws IOException {
        ViciClient c = clientFor(FakeViciPeer.unix(dir), LONG);
        peer.on("stats", (args, s) -> {
            s.raw(new byte[]{0, 0, 0, 100, 1, 3, 1});
            s.hang();
        });

        assertThatThrownBy(() -> c.request("stats", ViciMessage.empty(), SHORT))
                .isInstanceOf(ViciTimeoutException.class).hasMessageContaining("within 300 ms");
        assertThat(c.isConnected()).isFalse();
        assertThatThrownBy(() -> c.request("stats", ViciMessage.empty(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void endOfStreamInsideTheLengthPrefixIsAProtocolError() throws IOException {
        ViciClient c = clientFor(FakeViciPeer.unix(dir), LONG);
        peer.on("stats", (args, s) -> {
            s.raw(new byte[]{0, 0});
            s.drop();
        });

        assertThatThrownBy(c::stats).isInstanceOf(ViciProtocolException.class)
                .hasMessageContaining("2 of 4 length bytes");
    }

    @Test
    void refusesAnOversizedPacketWithoutReadingIt() throws IOException {
        ViciClient c = clientFor(FakeViciPeer.unix(dir), LONG);
        // announces 2 GiB and sends nothing more: must fail at once, neither allocate nor wait
        peer.on("stats", (args, s) -> s.raw(new byte[]{0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}));

        assertThatThrownBy(c::stats).isInstanceOf(ViciProtocolException.class)
                .hasMessageContaining("announces 2147483647 bytes")
                .satisfies(e -> assertThat(((ViciException) e).isRetryable()).isFalse());
        assertThat(c.isConnected()).isFalse();
        assertThat(c.version().daemon()).isEqualTo("charon");
    }

    @Test
    void malformedResponseIsAProtocolError() throws IOException {
        ViciClient c = clientFor(FakeViciPeer.unix(dir), LONG);
        peer.on("stats", (args, s) -> s.raw(new byte[]{0, 0, 0, 3, 1, 5, 0}));

        assertThatThrownBy(c::stats).isInstanceOf(ViciProtocolException.class).hasMessageContaining("LIST_ITEM outside a list");
        assertThat(c.isConnected()).isFalse();
    }

    @Test
    void unknownPacketTypeIsAProtocolError() throws IOException {
        ViciClient c = clientFor(FakeViciPeer.unix(dir), LONG);
        peer.on("stats", (args, s) -> s.raw(new byte[]{0, 0, 0, 1, 42}));

        assertThatThrownBy(c::stats).isInstanceOf(ViciProtocolException.class).hasMessageContaining("unknown VICI packet type 42");
    }

    @Test
    void unexpectedPacketTypeIsAProtocolError() throws IOException {
        ViciClient c = clientFor(FakeViciPeer.unix(dir), LONG);
        peer.on("stats", (args, s) -> s.write(ViciPacket.of(ViciPacketType.EVENT_CONFIRM)));

        assertThatThrownBy(c::stats).isInstanceOf(ViciProtocolException.class)
                .hasMessageContaining("unexpected EVENT_CONFIRM while waiting for the answer to 'stats'");
    }

    @Test
    void unknownCommandKeepsTheConnection() throws IOException {
        ViciClient c = clientFor(FakeViciPeer.unix(dir), LONG);

        assertThatThrownBy(() -> c.request("no-such-command", ViciMessage.empty()))
                .isInstanceOf(ViciUnknownCommandException.class)
                .hasMessageContaining("'no-such-command' (CMD_UNKNOWN)");
        assertThat(c.version().daemon()).isEqualTo("charon");
        assertThat(peer.connectionCount()).isEqualTo(1);
    }

    @Test
    void unknownStreamedCommandStillUnregistersItsEvent() throws IOException {
        ViciClient c = clientFor(FakeViciPeer.unix(dir), LONG);

        assertThatThrownBy(() -> c.listSas(null)).isInstanceOf(ViciUnknownCommandException.class);

        assertThat(peer.received()).extracting(r -> r.packet().type() + " " + r.packet().name())
                .containsExactly("EVENT_REGISTER list-sa", "CMD_REQUEST list-sas", "EVENT_UNREGISTER list-sa");
        assertThat(c.version().daemon()).isEqualTo("charon");
        assertThat(peer.connectionCount()).isEqualTo(1);
    }

    @Test
    void unknownEventIsAClearError() throws IOException {
        ViciClient c = clientFor(FakeViciPeer.unix(dir), LONG);
        peer.unknownEvent("list-cert");

        assertThatThrownBy(() -> c.listCerts(null, null))
                .isInstanceOf(ViciUnknownEventException.class)
                .hasMessageContaining("'list-cert' (EVENT_UNKNOWN)");
        assertThat(c.version().daemon()).isEqualTo("charon");
    }

    @Test
    void refusedCommandCarriesErrmsgAndKeepsTheConnection() throws IOException {
        ViciClient c = clientFor(FakeViciPeer.unix(dir), LONG);
        peer.on("unload-conn", (args, s) -> s.respond(ViciMessage.builder().add("success", "no")
                .add("errmsg", "connection '" + args.valueOr("name", "") + "' not found").build()));

        assertThatThrownBy(() -> c.unloadConn("gone"))
                .isInstanceOf(ViciCommandException.class)
                .hasMessage("charon refused 'unload-conn': connection 'gone' not found")
                .satisfies(e -> {
                    ViciCommandException ce = (ViciCommandException) e;
                    assertThat(ce.errmsg()).isEqualTo("connection 'gone' not found");
                    assertThat(ce.command()).isEqualTo("unload-conn");
                    assertThat(ce.isRetryable()).isFalse();
                });
        assertThat(c.isConnected()).isTrue();
    }

    @Test
    void loadConnWrapsTheSettingsInASectionNamedAfterTheConnection() throws IOException {
        ViciClient c = clientFor(FakeViciPeer.unix(dir), LONG);
        peer.on("load-conn", (args, s) -> s.respond(ViciMessage.builder().add("success", "yes").build()));

        c.loadConn("site-a", ViciMessage.builder().addList("remote_addrs", "203.0.113.2").build());

        ViciMessage sent = peer.received().get(0).packet().message();
        assertThat(sent.section("site-a").orElseThrow().list("remote_addrs")).containsExactly("203.0.113.2");
    }

    @Test
    void listSasRegistersCollectsAndUnregisters() throws IOException {
        ViciClient c = clientFor(FakeViciPeer.unix(dir), LONG);
        peer.on("list-sas", (args, s) -> {
            s.event("list-sa", ikeSa("site-a", "1", "INSTALLED", "c1a2b3c4", 1234));
            s.event("list-sa", ikeSa("site-b", "2", "REKEYING", "d00d0001", 0));
            s.event("unrelated", ViciMessage.builder().add("x", "y").build());
            s.respond(ViciMessage.empty());
        });

        List<ViciIkeSa> sas = c.listSas(null);

        assertThat(sas).extracting(ViciIkeSa::name).containsExactly("site-a", "site-b");
        ViciChildSa child = sas.get(0).children().get(0);
        assertThat(child.name()).isEqualTo("net");
        assertThat(child.state()).isEqualTo("INSTALLED");
        assertThat(child.spiIn()).isEqualTo("c1a2b3c4");
        assertThat(child.bytesIn()).isEqualTo(1234);
        assertThat(child.localTs()).containsExactly("198.51.100.0/28");
        assertThat(sas.get(0).remoteHost()).isEqualTo("203.0.113.2");
        assertThat(peer.received()).extracting(r -> r.packet().type() + " " + r.packet().name())
                .containsExactly("EVENT_REGISTER list-sa", "CMD_REQUEST list-sas", "EVENT_UNREGISTER list-sa");
    }

    @Test
    void listConnsAndGetConns() throws IOException {
        ViciClient c = clientFor(FakeViciPeer.unix(dir), LONG);
        peer.on("list-conns", (args, s) -> {
            s.event("list-conn", ViciMessage.builder().addSection("a", x -> x.addList("local_addrs", "203.0.113.1")).build());
            s.event("list-conn", ViciMessage.builder().addSection("b", x -> x.add("version", "IKEv2")).build());
            s.respond(ViciMessage.empty());
        });
        peer.on("get-conns", (args, s) -> s.respond(ViciMessage.builder().addList("conns", "a", "b").build()));

        assertThat(c.listConns(null)).containsOnlyKeys("a", "b");
        assertThat(c.getConns()).containsExactly("a", "b");
    }

    @Test
    void initiateSendsItsArgumentsAndReturnsTheControlLog() throws IOException {
        ViciClient c = clientFor(FakeViciPeer.unix(dir), LONG);
        peer.on("initiate", (args, s) -> {
            s.event("control-log", ViciMessage.builder().add("group", "IKE").add("msg", "initiating IKE_SA site-a[1]").build());
            s.event("control-log", ViciMessage.builder().add("group", "CHD").add("msg", "CHILD_SA net{1} established").build());
            s.respond(ViciMessage.builder().add("success", "yes").build());
        });

        List<String> log = c.initiate(ViciInitiate.child("net").withIke("site-a").withTimeout(Duration.ofSeconds(3))
                .withInitLimits(false).withLogLevel(1));

        assertThat(log).containsExactly("initiating IKE_SA site-a[1]", "CHILD_SA net{1} established");
        ViciMessage sent = peer.received().get(1).packet().message();
        assertThat(sent.value("child")).contains("net");
        assertThat(sent.value("ike")).contains("site-a");
        assertThat(sent.value("timeout")).contains("3000");
        assertThat(sent.value("init-limits")).contains("no");
        assertThat(sent.value("loglevel")).contains("1");
        assertThat(peer.received()).extracting(r -> r.packet().type() + " " + r.packet().name())
                .containsExactly("EVENT_REGISTER control-log", "CMD_REQUEST initiate", "EVENT_UNREGISTER control-log");
    }

    @Test
    void failedInitiateCarriesErrmsgAndTheControlLog() throws IOException {
        ViciClient c = clientFor(FakeViciPeer.unix(dir), LONG);
        peer.on("initiate", (args, s) -> {
            s.event("control-log", ViciMessage.builder().add("msg", "giving up after 5 retransmits").build());
            s.respond(ViciMessage.builder().add("success", "no").add("errmsg", "establishing CHILD_SA 'net' failed").build());
        });

        assertThatThrownBy(() -> c.initiate(ViciInitiate.child("net")))
                .isInstanceOf(ViciCommandException.class)
                .hasMessageContaining("establishing CHILD_SA 'net' failed")
                .satisfies(e -> assertThat(((ViciCommandException) e).log()).containsExactly("giving up after 5 retransmits"));
        assertThat(c.isConnected()).isTrue();
    }

    @Test
    void terminateByIdAndForce() throws IOException {
        ViciClient c = clientFor(FakeViciPeer.unix(dir), LONG);
        peer.on("terminate", (args, s) -> s.respond(ViciMessage.builder().add("success", "yes").build()));

        c.terminate(ViciTerminate.ikeId(7).withForce(true).withTimeout(Duration.ofMillis(-1)));

        ViciMessage sent = peer.received().get(1).packet().message();
        assertThat(sent.value("ike_id")).contains("7");
        assertThat(sent.value("force")).contains("yes");
        assertThat(sent.value("timeout")).contains("-1");
        assertThatThrownBy(() -> new ViciTerminate(null, null, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ViciInitiate.child(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void credentialCommands() throws IOException {
        ViciClient c = clientFor(FakeViciPeer.unix(dir), LONG);
        ViciMessage ok = ViciMessage.builder().add("success", "yes").build();
        peer.on("load-shared", (args, s) -> s.respond(ok))
                .on("unload-shared", (args, s) -> s.respond(ok))
                .on("get-shared", (args, s) -> s.respond(ViciMessage.builder().addList("keys", "psk-1").build()))
                .on("load-key", (args, s) -> s.respond(ViciMessage.builder().add("success", "yes").add("id", "a1b2").build()))
                .on("unload-key", (args, s) -> s.respond(ok))
                .on("get-keys", (args, s) -> s.respond(ViciMessage.builder().addList("keys", "a1b2").build()))
                .on("load-cert", (args, s) -> s.respond(ok))
                .on("load-authority", (args, s) -> s.respond(ok))
                .on("unload-authority", (args, s) -> s.respond(ok))
                .on("clear-creds", (args, s) -> s.respond(ok));

        c.loadShared(ViciSharedSecret.ike("psk-1", new byte[]{1, 2, 3}, List.of("203.0.113.1", "203.0.113.2")));
        assertThat(c.getShared()).containsExactly("psk-1");
        c.unloadShared("psk-1");
        assertThat(c.loadKey("RSA", new byte[]{4, 5})).isEqualTo("a1b2");
        assertThat(c.getKeys()).containsExactly("a1b2");
        c.unloadKey("a1b2");
        c.loadCert("X509", "CA", new byte[]{6});
        c.loadAuthority("ca", ViciMessage.builder().add("cacert", "ca.pem").build());
        c.unloadAuthority("ca");
        c.clearCreds();

        ViciMessage shared = peer.received().get(0).packet().message();
        assertThat(shared.value("id")).contains("psk-1");
        assertThat(shared.value("type")).contains("IKE");
        assertThat(shared.bytes("data").orElseThrow()).containsExactly(1, 2, 3);
        assertThat(shared.list("owners")).containsExactly("203.0.113.1", "203.0.113.2");
        assertThat(peer.received()).extracting(r -> r.packet().name()).containsExactly("load-shared", "get-shared",
                "unload-shared", "load-key", "get-keys", "unload-key", "load-cert", "load-authority", "unload-authority",
                "clear-creds");
    }

    @Test
    void oneCommandAtATimeFromManyThreads() throws Exception {
        ViciClient c = clientFor(FakeViciPeer.unix(dir), LONG);
        peer.on("stats", (args, s) -> {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            s.respond(ViciMessage.builder().add("n", args.valueOr("n", "")).build());
        });
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String n = Integer.toString(i);
                results.add(pool.submit(() -> n.equals(c.request("stats", ViciMessage.builder().add("n", n).build())
                        .valueOr("n", ""))));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(peer.maxConcurrentCommands()).isEqualTo(1);
        assertThat(peer.connectionCount()).isEqualTo(1);
    }

    @Test
    void eventsArriveOnASecondConnectionUntilClosed() throws Exception {
        ViciClient c = clientFor(FakeViciPeer.unix(dir), LONG);
        Recorder listener = new Recorder();
        c.version();

        try (ViciEventSubscription subscription = c.subscribe(listener, "ike-updown", "child-updown")) {
            peer.broadcast("child-updown", ViciMessage.builder().add("up", "yes").build());
            peer.broadcast("ike-updown", ViciMessage.builder().addSection("site-a", ViciMessage.empty()).build());
            peer.broadcast("log", ViciMessage.builder().add("msg", "not registered").build());

            assertThat(listener.next()).isEqualTo("child-updown:yes");
            assertThat(listener.next()).isEqualTo("ike-updown:no");
            assertThat(subscription.isOpen()).isTrue();
            // commands keep working on the first connection meanwhile
            assertThat(c.version().daemon()).isEqualTo("charon");
        }
        assertThat(peer.connectionCount()).isEqualTo(2);
        assertThat(listener.failed.getCount()).as("a clean close is no failure").isEqualTo(1);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("vici-events-"));
    }

    @Test
    void eventListenerLearnsWhenTheConnectionIsLost() throws Exception {
        ViciClient c = clientFor(FakeViciPeer.unix(dir), LONG);
        BlockingQueue<ViciException> failures = new LinkedBlockingQueue<>();
        ViciEventSubscription subscription = c.subscribe(new ViciEventListener() {
            @Override
            public void onEvent(String event, ViciMessage message) {
                throw new IllegalStateException("a faulty listener must not end the subscription");
            }

            @Override
            public void onFailure(ViciException cause) {
                failures.add(cause);
            }
        }, "ike-updown");
        peer.broadcast("ike-updown", ViciMessage.empty());
        peer.dropAll();

        ViciException failure = failures.poll(10, TimeUnit.SECONDS);
        assertThat(failure).isInstanceOf(ViciConnectionException.class);
        assertThat(failure.isRetryable()).isTrue();
        subscription.close();
        assertThat(subscription.isOpen()).isFalse();
    }

    @Test
    void updownEventsSayWhetherAnSaCameUpAndWhichOne() throws Exception {
        ViciClient c = clientFor(FakeViciPeer.unix(dir), LONG);
        BlockingQueue<ViciUpdown> events = new LinkedBlockingQueue<>();
        try (ViciEventSubscription subscription = c.subscribe((event, message) -> events.add(ViciUpdown.from(message)),
                "child-updown", "ike-updown")) {
            // as charon's vici plugin raises them: 'up = yes' only when up, one IKE_SA with only the CHILD_SA that changed
            ViciMessage childSa = ikeSa("site-a", "1", "INSTALLED", "c1a2b3c4", 0);
            peer.broadcast("child-updown", ViciMessage.builder().add("up", "yes").put(childSa.entries().get(0)).build());
            peer.broadcast("child-updown", ikeSa("site-a", "1", "DELETING", "c1a2b3c4", 0));
            peer.broadcast("ike-updown", ViciMessage.builder().addSection("site-b", ike -> ike.add("state", "DELETING")).build());

            ViciUpdown up = events.poll(10, TimeUnit.SECONDS);
            assertThat(up.up()).isTrue();
            assertThat(up.concerns("site-a", "net")).isTrue();
            assertThat(up.concerns("site-a", "other")).isFalse();
            assertThat(up.concerns("site-b", "net")).isFalse();
            ViciUpdown down = events.poll(10, TimeUnit.SECONDS);
            assertThat(down.up()).isFalse();
            assertThat(down.concerns("site-a", "net")).isTrue();
            ViciUpdown ikeDown = events.poll(10, TimeUnit.SECONDS);
            assertThat(ikeDown.up()).isFalse();
            assertThat(ikeDown.connections()).containsExactly("site-b");
            assertThat(ikeDown.ikeSas().get(0).children()).isEmpty();
        }
    }

    @Test
    void aSubscriptionThatCharonEndedCanBeOpenedAgain() throws Exception {
        ViciClient c = clientFor(FakeViciPeer.unix(dir), LONG);
        Recorder listener = new Recorder();
        try (ViciEventSubscription first = c.subscribe(listener, "child-updown")) {
            peer.dropAll(); // charon restarted

            assertThat(listener.failed.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(first.isOpen()).isFalse();
            try (ViciEventSubscription second = c.subscribe(listener, "child-updown")) {
                peer.broadcast("child-updown", ViciMessage.empty());

                assertThat(listener.next()).isEqualTo("child-updown:no");
                assertThat(second.isOpen()).isTrue();
            }
        }
        assertThat(listener.events).as("the ended subscription delivers nothing more").isEmpty();
    }

    @Test
    void aSubscriptionOutlivesTheClientThatOpenedIt() throws Exception {
        ViciClient c = clientFor(FakeViciPeer.unix(dir), LONG);
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        try (ViciEventSubscription subscription = c.subscribe((event, message) -> events.add(event), "ike-updown")) {
            c.close(); // as ViciGateways drops a client after a failed call

            peer.broadcast("ike-updown", ViciMessage.empty());

            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("ike-updown");
            assertThat(subscription.isOpen()).isTrue();
        }
    }

    @Test
    void subscribingToAnUnknownEventFails() throws IOException {
        ViciClient c = clientFor(FakeViciPeer.unix(dir), LONG);
        peer.unknownEvent("no-such-event");

        assertThatThrownBy(() -> c.subscribe((e, m) -> { }, "ike-updown", "no-such-event"))
                .isInstanceOf(ViciUnknownEventException.class).hasMessageContaining("'no-such-event'");
    }

    @Test
    void closedClientRefusesCalls() throws IOException {
        ViciClient c = clientFor(FakeViciPeer.unix(dir), LONG);
        c.version();
        c.close();

        assertThatThrownBy(c::version).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> new ViciClient(peer.endpoint(), Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Records each event as {@code name:up} ({@code no} without the key) and whether the connection was lost. */
    private static final class Recorder implements ViciEventListener {
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        final CountDownLatch failed = new CountDownLatch(1);

        @Override
        public void onEvent(String event, ViciMessage message) {
            events.add(event + ":" + message.valueOr("up", "no"));
        }

        @Override
        public void onFailure(ViciException cause) {
            failed.countDown();
        }

        String next() throws InterruptedException {
            return events.poll(10, TimeUnit.SECONDS);
        }
    }

    static ViciMessage ikeSa(String name, String id, String childState, String spiIn, long bytesIn) {
        return ViciMessage.builder().addSection(name, sa -> sa
                .add("uniqueid", id).add("state", "ESTABLISHED")
                .add("local-host", "203.0.113.1").add("remote-host", "203.0.113.2")
                .addSection("child-sas", cs -> cs.addSection("net-" + id, ch -> ch
                        .add("name", "net").add("uniqueid", id).add("state", childState)
                        .add("spi-in", spiIn).add("spi-out", "cafe0001")
                        .add("bytes-in", bytesIn).add("bytes-out", 0)
                        .addList("local-ts", "198.51.100.0/28").addList("remote-ts", "198.51.100.16/28"))))
                .build();
    }
}
