package com.slm.adapter.strongswan.vici;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A client for charon's VICI interface.
 *
 * <p>One command at a time per connection (VICI has no sequence numbers), so every exchange holds the
 * client's lock. The connection opens lazily; any transport or protocol failure, including a timeout,
 * discards it and the next call opens a new one. A refused command ({@code success = no}) keeps it, since
 * the exchange itself completed. Nothing is retried automatically: {@code initiate} is not idempotent.
 *
 * <p>Only command names are logged, never message contents: they may hold keys and passwords.
 */
public final class ViciClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ViciClient.class);
    /** Extra time beyond charon's own initiate/terminate timeout before we give up on the socket. */
    private static final Duration CHARON_TIMEOUT_MARGIN = Duration.ofSeconds(5);

    private final ViciEndpoint endpoint;
    private final Duration timeout;
    private ViciConnection connection;
    private volatile boolean closed;

    public ViciClient(ViciEndpoint endpoint, Duration timeout) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("vici timeout must be positive, was " + timeout);
        }
        this.timeout = timeout;
    }

    public ViciEndpoint endpoint() {
        return endpoint;
    }

    public Duration timeout() {
        return timeout;
    }

    // ---------------------------------------------------------------- generic exchanges

    /** Sends a command and returns charon's answer as is (no success check). */
    public ViciMessage request(String command, ViciMessage arguments) {
        return request(command, arguments, timeout);
    }

    /** As {@link #request(String, ViciMessage)}, with a timeout for this call only. */
    public ViciMessage request(String command, ViciMessage arguments, Duration callTimeout) {
        return exchange(command, callTimeout, (c, d) -> {
            c.send(ViciPacket.request(command, arguments), d);
            return awaitResponse(c, d, command, null, null);
        });
    }

    /** Sends a command and checks its {@code success} key when it has one. */
    public ViciMessage call(String command, ViciMessage arguments) {
        return checked(command, request(command, arguments), List.of());
    }

    /**
     * A streamed command: registers {@code event}, sends the command, collects the events until the
     * response, then unregisters. The response is returned unchecked.
     */
    public ViciStreamedResult streamed(String command, ViciMessage arguments, String event, Duration callTimeout) {
        return exchange(command, callTimeout, (c, d) -> {
            c.send(ViciPacket.register(event), d);
            awaitConfirmation(c, d, event);
            List<ViciMessage> events = new ArrayList<>();
            ViciUnknownCommandException unknown = null;
            ViciMessage response = null;
            c.send(ViciPacket.request(command, arguments), d);
            try {
                response = awaitResponse(c, d, command, event, events);
            } catch (ViciUnknownCommandException e) {
                unknown = e; // unregister first, so the connection stays usable
            }
            c.send(ViciPacket.unregister(event), d);
            awaitConfirmation(c, d, event);
            if (unknown != null) {
                throw unknown;
            }
            return new ViciStreamedResult(events, response);
        });
    }

    /**
     * Opens a second connection that delivers asynchronous events ({@code ike-updown}, {@code child-updown},
     * {@code log} ...) to {@code listener} on its own thread. Close the subscription to stop it: it does not
     * end with this client (a client dropped after a failed call leaves the events flowing).
     */
    public ViciEventSubscription subscribe(ViciEventListener listener, String... events) {
        ensureOpen();
        return ViciEventSubscription.open(endpoint, timeout, Arrays.asList(events), listener);
    }

    // ---------------------------------------------------------------- typed commands

    public ViciVersion version() {
        return ViciVersion.from(request("version", ViciMessage.empty()));
    }

    public ViciMessage stats() {
        return request("stats", ViciMessage.empty());
    }

    /** Loads (or replaces) connection {@code name} with its swanctl.conf-style settings. */
    public void loadConn(String name, ViciMessage settings) {
        call("load-conn", ViciMessage.builder().addSection(name, settings).build());
    }

    public void unloadConn(String name) {
        call("unload-conn", ViciMessage.builder().add("name", name).build());
    }

    /** Names of the connections loaded over vici. */
    public List<String> getConns() {
        return request("get-conns", ViciMessage.empty()).list("conns");
    }

    /** Every loaded connection (all backends) by name; {@code ike} filters by name when not null. */
    public Map<String, ViciMessage> listConns(String ike) {
        ViciMessage args = ike == null ? ViciMessage.empty() : ViciMessage.builder().add("ike", ike).build();
        ViciStreamedResult result = streamed("list-conns", args, "list-conn", timeout);
        Map<String, ViciMessage> conns = new LinkedHashMap<>();
        for (ViciMessage event : result.events()) {
            conns.putAll(event.sections());
        }
        return conns;
    }

    /** The active IKE_SAs with their CHILD_SAs; {@code ike} filters by connection name when not null. */
    public List<ViciIkeSa> listSas(String ike) {
        ViciMessage args = ike == null ? ViciMessage.empty() : ViciMessage.builder().add("ike", ike).build();
        List<ViciIkeSa> sas = new ArrayList<>();
        for (ViciMessage event : streamed("list-sas", args, "list-sa", timeout).events()) {
            sas.addAll(ViciIkeSa.fromEvent(event));
        }
        return sas;
    }

    /** Initiates and returns charon's control-log lines; a failure carries them in the exception. */
    public List<String> initiate(ViciInitiate initiate) {
        return control("initiate", initiate.toMessage(), initiate.timeout());
    }

    public List<String> terminate(ViciTerminate terminate) {
        return control("terminate", terminate.toMessage(), terminate.timeout());
    }

    public void loadShared(ViciSharedSecret secret) {
        call("load-shared", secret.toMessage());
    }

    public void unloadShared(String id) {
        call("unload-shared", ViciMessage.builder().add("id", id).build());
    }

    /** Identifiers of the shared secrets loaded over vici (never the secrets). */
    public List<String> getShared() {
        return request("get-shared", ViciMessage.empty()).list("keys");
    }

    /** {@code type} X509|X509_AC|X509_CRL, {@code flag} NONE|CA|AA|OCSP, data PEM or DER. */
    public void loadCert(String type, String flag, byte[] data) {
        call("load-cert", ViciMessage.builder().add("type", type).add("flag", flag).add("data", data).build());
    }

    /** The {@code list-cert} events (type, flag, has_privkey, DER data). */
    public List<ViciMessage> listCerts(String type, String flag) {
        ViciMessage.Builder args = ViciMessage.builder();
        if (type != null) {
            args.add("type", type);
        }
        if (flag != null) {
            args.add("flag", flag);
        }
        return streamed("list-certs", args.build(), "list-cert", timeout).events();
    }

    /** Loads a private key ({@code type} RSA|ECDSA|ED25519|ANY, PEM or DER); returns charon's key id. */
    public String loadKey(String type, byte[] data) {
        return call("load-key", ViciMessage.builder().add("type", type).addSecret("data", data).build())
                .valueOr("id", "");
    }

    public void unloadKey(String id) {
        call("unload-key", ViciMessage.builder().add("id", id).build());
    }

    /** Identifiers of the private keys loaded over vici. */
    public List<String> getKeys() {
        return request("get-keys", ViciMessage.empty()).list("keys");
    }

    public void loadAuthority(String name, ViciMessage settings) {
        call("load-authority", ViciMessage.builder().addSection(name, settings).build());
    }

    public void unloadAuthority(String name) {
        call("unload-authority", ViciMessage.builder().add("name", name).build());
    }

    /** Drops every credential loaded over vici and flushes charon's credential cache. */
    public void clearCreds() {
        call("clear-creds", ViciMessage.empty());
    }

    // ---------------------------------------------------------------- internals

    private List<String> control(String command, ViciMessage args, Duration charonTimeout) {
        Duration callTimeout = timeout;
        if (charonTimeout != null && charonTimeout.compareTo(Duration.ZERO) > 0) {
            Duration needed = charonTimeout.plus(CHARON_TIMEOUT_MARGIN);
            callTimeout = needed.compareTo(timeout) > 0 ? needed : timeout;
        }
        ViciStreamedResult result = streamed(command, args, "control-log", callTimeout);
        List<String> lines = result.events().stream().map(e -> e.valueOr("msg", "")).toList();
        checked(command, result.response(), lines);
        return lines;
    }

    private static ViciMessage checked(String command, ViciMessage response, List<String> lines) {
        String success = response.value("success").orElse(null);
        if (success != null && !"yes".equals(success)) {
            throw new ViciCommandException(command, response.value("errmsg").orElse(null), lines);
        }
        return response;
    }

    private interface Exchange<T> {
        T run(ViciConnection connection, Deadline deadline);
    }

    private synchronized <T> T exchange(String command, Duration callTimeout, Exchange<T> exchange) {
        ensureOpen();
        if (callTimeout == null || callTimeout.isZero() || callTimeout.isNegative()) {
            throw new IllegalArgumentException("call timeout must be positive, was " + callTimeout);
        }
        Deadline deadline = Deadline.after(callTimeout);
        long started = System.nanoTime();
        if (connection == null) {
            connection = ViciConnection.open(endpoint, deadline);
            log.debug("vici: connected to {}", endpoint);
        }
        try {
            T result = exchange.run(connection, deadline);
            log.debug("vici: '{}' on {} answered in {} ms", command, endpoint, (System.nanoTime() - started) / 1_000_000);
            return result;
        } catch (ViciCommandException | ViciUnknownCommandException | ViciUnknownEventException e) {
            throw e; // the exchange completed: the connection is still in step
        } catch (RuntimeException e) {
            // A late or partial answer would be read as the answer to the next command: start afresh.
            discardConnection();
            log.debug("vici: '{}' on {} failed, connection discarded: {}", command, endpoint, e.getMessage());
            throw e;
        }
    }

    private static ViciMessage awaitResponse(ViciConnection c, Deadline d, String command, String event,
                                             List<ViciMessage> events) {
        while (true) {
            ViciPacket packet = c.receive(d);
            switch (packet.type()) {
                case CMD_RESPONSE -> {
                    return packet.message();
                }
                case CMD_UNKNOWN -> throw new ViciUnknownCommandException(command);
                case EVENT -> {
                    if (events != null && packet.name().equals(event)) {
                        events.add(packet.message());
                    }
                    // other events cannot be registered on this connection; ignore stragglers
                }
                default -> throw new ViciProtocolException("unexpected " + packet.type() + " while waiting for the answer to '"
                        + command + "'");
            }
        }
    }

    private static void awaitConfirmation(ViciConnection c, Deadline d, String event) {
        while (true) {
            ViciPacket packet = c.receive(d);
            switch (packet.type()) {
                case EVENT_CONFIRM -> {
                    return;
                }
                case EVENT_UNKNOWN -> throw new ViciUnknownEventException(event);
                case EVENT -> {
                    // a straggler of the stream being (un)registered
                }
                default -> throw new ViciProtocolException("unexpected " + packet.type()
                        + " while (un)registering event '" + event + "'");
            }
        }
    }

    private void discardConnection() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("vici client for " + endpoint + " is closed");
        }
    }

    /** True while a connection is open (it opens lazily on the next call otherwise). */
    public synchronized boolean isConnected() {
        return connection != null;
    }

    /** Whether {@link #close()} was called: every call after it fails with an {@link IllegalStateException}. */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        closed = true;
        discardConnection();
    }

    @Override
    public String toString() {
        return "ViciClient[" + endpoint + ", timeout " + timeout.toMillis() + " ms]";
    }
}
