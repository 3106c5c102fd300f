package com.slm.adapter.strongswan.vici;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A charon that accepts VICI connections and never answers on them (hung, not dead). */
public final class HungCharon implements AutoCloseable {
    private final Path socket;
    private final ServerSocketChannel server;
    private final List<SocketChannel> held = new CopyOnWriteArrayList<>();

    public HungCharon(Path socket) throws IOException {
        this.socket = socket;
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread accepting = new Thread(() -> {
            try {
                while (true) {
                    held.add(server.accept());
                }
            } catch (IOException closed) {
                // closed by the test
            }
        }, "hung-charon");
        accepting.setDaemon(true);
        accepting.start();
    }

    public Path socket() {
        return socket;
    }

    /** How many connections it accepted so far (each call or subscription opens at most one). */
    public int accepted() {
        return held.size();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (SocketChannel channel : held) {
            channel.close();
        }
    }
}
