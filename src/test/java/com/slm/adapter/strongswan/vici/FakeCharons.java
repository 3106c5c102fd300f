package com.slm.adapter.strongswan.vici;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two charons for tests of the IPsec adapter's own logic (test double, src/test only; the real charon is in the
 * lab tests): the gateways of the environments {@code secure} and {@code remote}, each a {@link FakeViciPeer} on a
 * unix socket, speaking just enough VICI for the adapter (list-sas, list-conns, load-conn, load-shared, initiate,
 * terminate). A CHILD_SA initiated on either is INSTALLED on both after {@code establishing}, and initiating one
 * that is already up adds a second one of the same name, as charon does: a duplicate shows in list-sas. Each
 * gateway raises {@code child-updown} as charon does, up when a CHILD_SA is installed there and down when it is
 * lost, to the connections that registered it; the responder may install later than the initiator
 * ({@link #responderLag}).
 */
public final class FakeCharons implements AutoCloseable {
    public static final List<String> ENVIRONMENTS = List.of("secure", "remote");
    private static final ViciMessage SUCCESS = ViciMessage.builder().add("success", "yes").build();

    private final Duration establishing;
    private final Map<String, FakeViciPeer> peers = new LinkedHashMap<>();
    /** Per environment: the loaded connections, each with its CHILD_SAs' local and remote selectors. */
    private final Map<String, Map<String, Map<String, List<List<String>>>>> loaded = new LinkedHashMap<>();
    /** Per connection: the CHILD_SAs up between the two gateways, by name, a duplicate twice. */
    private final Map<String, List<String>> installed = new LinkedHashMap<>();
    private final Map<String, AtomicInteger> initiates = new LinkedHashMap<>();
    private final AtomicInteger initiating = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    /** Per environment: the CHILD_SAs (conn/child) the initiator has, which this responder installs only later. */
    private final Map<String, List<String>> notYetOnResponder = new LinkedHashMap<>();
    private volatile Duration responderLag = Duration.ZERO;

    public FakeCharons(Path dir, Duration establishing) throws IOException {
        this.establishing = establishing;
        for (String environment : ENVIRONMENTS) {
            FakeViciPeer peer = FakeViciPeer.unix(Files.createDirectories(dir.resolve(environment)));
            loaded.put(environment, new LinkedHashMap<>());
            notYetOnResponder.put(environment, new ArrayList<>());
            peer.on("list-sas", (args, s) -> {
                for (ViciMessage sa : listSas(environment, args.valueOr("ike", null))) {
                    s.event("list-sa", sa);
                }
                s.respond(ViciMessage.empty());
            });
            peer.on("list-conns", (args, s) -> {
                for (ViciMessage conn : listConns(environment, args.valueOr("ike", null))) {
                    s.event("list-conn", conn);
                }
                s.respond(ViciMessage.empty());
            });
            peer.on("load-conn", (args, s) -> {
                args.sections().forEach((conn, settings) -> load(environment, conn, settings));
                s.respond(SUCCESS);
            });
            peer.on("load-shared", (args, s) -> s.respond(SUCCESS));
            peer.on("terminate", (args, s) -> s.respond(SUCCESS));
            peer.on("initiate", (args, s) -> {
                initiate(environment, args.valueOr("ike", ""), args.valueOr("child", ""));
                s.respond(SUCCESS);
            });
            peers.put(environment, peer);
        }
    }

    /** The VICI socket of an environment's gateway ({@code unix:///...}). */
    public String socket(String environment) {
        return peers.get(environment).endpoint().uri();
    }

    /** Both gateways have the connection with this CHILD_SA loaded (and nothing up yet). */
    public synchronized void loaded(String conn, String child, List<String> secureTs, List<String> remoteTs) {
        loaded.get("secure").computeIfAbsent(conn, c -> new LinkedHashMap<>()).put(child, List.of(secureTs, remoteTs));
        loaded.get("remote").computeIfAbsent(conn, c -> new LinkedHashMap<>()).put(child, List.of(remoteTs, secureTs));
    }

    /** The CHILD_SA is gone from both gateways (the peer deleted it, DPD, a failed rekey...); both report it down. */
    public void lose(String conn, String child) {
        synchronized (this) {
            installed.getOrDefault(conn, new ArrayList<>()).removeIf(child::equals);
        }
        ENVIRONMENTS.forEach(environment -> publish(environment, "child-updown", childUpdown(conn, child, false)));
    }

    /**
     * From now on, a CHILD_SA initiated on one gateway is INSTALLED on the other (the responder) only this long after
     * the initiate's answer, as with a charon that installs a moment later; its up event comes then.
     */
    public void responderLag(Duration lag) {
        responderLag = lag;
    }

    /** The gateway answers EVENT_UNKNOWN to a registration of this event (a subscription to it fails). */
    public void refuseEvent(String environment, String event) {
        peers.get(environment).unknownEvent(event);
    }

    /** Sends an event to the connections of the environment's gateway that registered it. */
    public void publish(String environment, String event, ViciMessage message) {
        peers.get(environment).broadcast(event, message);
    }

    /** Closes every VICI connection to the environment's gateway, as charon does when it stops. */
    public void dropConnections(String environment) {
        peers.get(environment).dropAll();
    }

    /**
     * charon's child-updown as its vici plugin raises it: {@code up = yes} only for an up event, then the IKE_SA's
     * section with, under {@code child-sas}, only the CHILD_SA that changed (its section named name-uniqueid).
     */
    public static ViciMessage childUpdown(String conn, String child, boolean up) {
        ViciMessage.Builder event = ViciMessage.builder();
        if (up) {
            event.add("up", "yes");
        }
        return event.addSection(conn, ike -> ike.add("uniqueid", "1").add("state", "ESTABLISHED")
                .addSection("child-sas", sas -> sas.addSection(child + "-1", c -> c.add("name", child).add("uniqueid", "1")
                        .add("state", up ? "INSTALLED" : "DELETING")))).build();
    }

    /** How many CHILD_SAs of this name are up: 1 as it should be, 2 for a duplicate. */
    public synchronized int installed(String conn, String child) {
        return (int) installed.getOrDefault(conn, List.of()).stream().filter(child::equals).count();
    }

    /** How often the CHILD_SA was initiated, on either gateway. */
    public synchronized int initiates(String child) {
        AtomicInteger n = initiates.get(child);
        return n == null ? 0 : n.get();
    }

    /** The most initiates that were under way at the same time. */
    public int mostInitiatesAtOnce() {
        return mostAtOnce.get();
    }

    private void initiate(String initiator, String conn, String child) {
        synchronized (this) {
            initiates.computeIfAbsent(child, c -> new AtomicInteger()).incrementAndGet();
        }
        mostAtOnce.accumulateAndGet(initiating.incrementAndGet(), Math::max);
        try {
            Thread.sleep(establishing.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            initiating.decrementAndGet();
        }
        String responder = ENVIRONMENTS.stream().filter(e -> !e.equals(initiator)).findFirst().orElseThrow();
        Duration lag = responderLag;
        synchronized (this) {
            installed.computeIfAbsent(conn, c -> new ArrayList<>()).add(child);
            if (!lag.isZero()) {
                notYetOnResponder.get(responder).add(conn + "/" + child);
            }
        }
        publish(initiator, "child-updown", childUpdown(conn, child, true));
        if (lag.isZero()) {
            publish(responder, "child-updown", childUpdown(conn, child, true));
            return;
        }
        Thread later = new Thread(() -> {
            try {
                Thread.sleep(lag.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            synchronized (this) {
                notYetOnResponder.get(responder).remove(conn + "/" + child);
            }
            publish(responder, "child-updown", childUpdown(conn, child, true));
        }, "fake-charon-responder-" + child);
        later.setDaemon(true);
        later.start();
    }

    private synchronized List<ViciMessage> listSas(String environment, String ike) {
        List<ViciMessage> sas = new ArrayList<>();
        installed.forEach((conn, all) -> {
            List<String> children = all.stream().filter(c -> !notYetOnResponder.get(environment).contains(conn + "/" + c)).toList();
            if ((ike == null || ike.equals(conn)) && !children.isEmpty()) {
                ViciMessage.Builder childSas = ViciMessage.builder();
                for (int i = 0; i < children.size(); i++) {
                    String name = children.get(i);
                    String id = Integer.toString(i + 1);
                    childSas.addSection(name + "-" + id, c -> c.add("name", name).add("uniqueid", id).add("state", "INSTALLED")
                            .add("mode", "TUNNEL").add("protocol", "ESP"));
                }
                ViciMessage childSasOfConn = childSas.build();
                sas.add(ViciMessage.builder().addSection(conn, s -> s.add("uniqueid", "1").add("state", "ESTABLISHED")
                        .addSection("child-sas", childSasOfConn)).build());
            }
        });
        return sas;
    }

    private synchronized List<ViciMessage> listConns(String environment, String ike) {
        List<ViciMessage> conns = new ArrayList<>();
        loaded.get(environment).forEach((conn, children) -> {
            if (ike == null || ike.equals(conn)) {
                ViciMessage.Builder sections = ViciMessage.builder();
                children.forEach((child, ts) -> sections.addSection(child, c -> c.addList("local-ts", ts.get(0))
                        .addList("remote-ts", ts.get(1))));
                ViciMessage childrenOfConn = sections.build();
                conns.add(ViciMessage.builder().addSection(conn, c -> c.addSection("children", childrenOfConn)).build());
            }
        });
        return conns;
    }

    private synchronized void load(String environment, String conn, ViciMessage settings) {
        Map<String, List<List<String>>> children = new LinkedHashMap<>();
        settings.section("children").ifPresent(section -> section.sections().forEach((child, c) ->
                children.put(child, List.of(c.list("local_ts"), c.list("remote_ts")))));
        loaded.get(environment).put(conn, children);
    }

    @Override
    public void close() throws IOException {
        for (FakeViciPeer peer : peers.values()) {
            peer.close();
        }
    }
}
