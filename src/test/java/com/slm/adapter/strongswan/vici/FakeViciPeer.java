package com.slm.adapter.strongswan.vici;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny VICI server for protocol-level tests of {@link ViciClient} (test double, src/test only). It speaks
 * the wire format with the production codec, answers EVENT_(UN)REGISTER, and hands commands to
 * per-command handlers; a command without handler gets CMD_UNKNOWN. Records every packet it receives.
 */
final class FakeViciPeer implements AutoCloseable {

    /** What the peer does with one command. */
    interface Handler {
        void handle(ViciMessage arguments, Session session) throws IOException;
    }

    /** Received packet with the number of the connection it arrived on (1, 2, ...). */
    record Received(int connection, ViciPacket packet) {
    }

    private final ServerSocketChannel server;
    private final ViciEndpoint endpoint;
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final Set<String> unknownEvents = ConcurrentHashMap.newKeySet();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicInteger maxBusy = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean closed;

    static FakeViciPeer unix(Path dir) throws IOException {
        Path socket = dir.resolve("fake-charon.vici");
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return new FakeViciPeer(server, ViciEndpoint.unix(socket));
    }

    static FakeViciPeer tcp() throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET);
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
        return new FakeViciPeer(server, ViciEndpoint.tcp("127.0.0.1", port));
    }

    private FakeViciPeer(ServerSocketChannel server, ViciEndpoint endpoint) {
        this.server = server;
        this.endpoint = endpoint;
        handlers.put("version", (args, s) -> s.respond(ViciMessage.builder().add("daemon", "charon")
                .add("version", "5.9.8").add("sysname", "Linux").add("release", "6.1").add("machine", "x86_64").build()));
        acceptor = new Thread(this::acceptLoop, "fake-vici-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    ViciEndpoint endpoint() {
        return endpoint;
    }

    /** Sets the command's handler; null removes it (the peer then answers CMD_UNKNOWN). */
    FakeViciPeer on(String command, Handler handler) {
        if (handler == null) {
            handlers.remove(command);
        } else {
            handlers.put(command, handler);
        }
        return this;
    }

    FakeViciPeer unknownEvent(String event) {
        unknownEvents.add(event);
        return this;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    int connectionCount() {
        return connections.get();
    }

    /** Most commands that were being handled at the same time on any connection. */
    int maxConcurrentCommands() {
        return maxBusy.get();
    }

    /**
     * Sends an event to every connection that registered it (for subscription tests). A connection its client has
     * just closed is dropped, as charon drops it, rather than failing the sender.
     */
    void broadcast(String event, ViciMessage message) {
        for (Session s : sessions) {
            try {
                s.event(event, message);
            } catch (IOException gone) {
                s.drop();
            }
        }
    }

    /** Drops every open connection, as a crashing charon would. */
    void dropAll() {
        sessions.forEach(Session::drop);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SocketChannel channel = server.accept();
                Session session = new Session(connections.incrementAndGet(), channel);
                sessions.add(session);
                Thread t = new Thread(session::serve, "fake-vici-session-" + session.number);
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /** One client connection. */
    final class Session {
        final int number;
        private final SocketChannel channel;
        private final Set<String> registered = ConcurrentHashMap.newKeySet();

        Session(int number, SocketChannel channel) {
            this.number = number;
            this.channel = channel;
        }

        void serve() {
            try {
                while (true) {
                    ByteBuffer prefix = ByteBuffer.allocate(4);
                    if (!readFully(prefix)) {
                        return;
                    }
                    ByteBuffer body = ByteBuffer.allocate(prefix.getInt(0));
                    if (!readFully(body)) {
                        return;
                    }
                    byte[] segment = body.array();
                    ViciPacket packet = ViciPacketCodec.decode(segment);
                    received.add(new Received(number, packet));
                    switch (packet.type()) {
                        case EVENT_REGISTER -> {
                            if (unknownEvents.contains(packet.name())) {
                                write(ViciPacket.of(ViciPacketType.EVENT_UNKNOWN));
                            } else {
                                registered.add(packet.name());
                                write(ViciPacket.of(ViciPacketType.EVENT_CONFIRM));
                            }
                        }
                        case EVENT_UNREGISTER -> {
                            registered.remove(packet.name());
                            write(ViciPacket.of(ViciPacketType.EVENT_CONFIRM));
                        }
                        case CMD_REQUEST -> handle(packet);
                        default -> throw new IllegalStateException("client sent " + packet.type());
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the client or the test closed the connection
            } finally {
                drop();
            }
        }

        private void handle(ViciPacket packet) throws IOException {
            int now = busy.incrementAndGet();
            maxBusy.accumulateAndGet(now, Math::max);
            try {
                Handler handler = handlers.get(packet.name());
                if (handler == null) {
                    write(ViciPacket.of(ViciPacketType.CMD_UNKNOWN));
                } else {
                    handler.handle(packet.message(), this);
                }
            } finally {
                busy.decrementAndGet();
            }
        }

        void respond(ViciMessage message) throws IOException {
            write(ViciPacket.response(message));
        }

        /** Streams an event, only if this connection registered it (as charon does). */
        void event(String name, ViciMessage message) throws IOException {
            if (registered.contains(name)) {
                write(ViciPacket.event(name, message));
            }
        }

        synchronized void write(ViciPacket packet) throws IOException {
            raw(ViciPacketCodec.encode(packet));
        }

        /**
         * Channel I/O, not Channels.newInputStream/newOutputStream: those streams share one lock on a blocking
         * channel, so an event written from the test thread would wait for the session's pending read.
         */
        synchronized void raw(byte[] bytes) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }

        private boolean readFully(ByteBuffer buffer) throws IOException {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer) < 0) {
                    return false;
                }
            }
            return true;
        }

        /** Never answers: the client must time out. Ends when the client goes away. */
        void hang() throws IOException {
            ByteBuffer sink = ByteBuffer.allocate(256);
            while (channel.read(sink) >= 0) {
                sink.clear();
            }
        }

        void drop() {
            sessions.remove(this); // no event goes to a connection that is gone
            try {
                channel.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        dropAll();
        if (endpoint.address() instanceof UnixDomainSocketAddress unix) {
            Files.deleteIfExists(unix.getPath());
        }
    }
}
