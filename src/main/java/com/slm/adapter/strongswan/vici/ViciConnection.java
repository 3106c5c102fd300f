package com.slm.adapter.strongswan.vici;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * One socket to charon, packet in / packet out. Non-blocking channel plus a selector so that every read,
 * write and connect honours a deadline (a blocking SocketChannel ignores SO_TIMEOUT). Not thread-safe,
 * except {@link #close()}, which wakes up a reader blocked in another thread.
 */
final class ViciConnection implements Closeable {
    private final ViciEndpoint endpoint;
    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private volatile boolean closed;

    private ViciConnection(ViciEndpoint endpoint, SocketChannel channel, Selector selector, SelectionKey key) {
        this.endpoint = endpoint;
        this.channel = channel;
        this.selector = selector;
        this.key = key;
    }

    static ViciConnection open(ViciEndpoint endpoint, Deadline deadline) {
        SocketChannel channel = null;
        Selector selector = null;
        try {
            channel = SocketChannel.open(endpoint.family());
            channel.configureBlocking(false);
            selector = Selector.open();
            SelectionKey key = channel.register(selector, 0);
            ViciConnection connection = new ViciConnection(endpoint, channel, selector, key);
            if (!channel.connect(endpoint.address())) {
                while (!channel.finishConnect()) {
                    connection.await(SelectionKey.OP_CONNECT, deadline, "connecting");
                }
            }
            return connection;
        } catch (IOException e) {
            closeQuietly(channel, selector);
            throw new ViciConnectionException("cannot connect to charon's vici socket " + endpoint + ": " + describe(e), e);
        } catch (RuntimeException e) {
            closeQuietly(channel, selector);
            throw e;
        }
    }

    void send(ViciPacket packet, Deadline deadline) {
        ByteBuffer buffer = ByteBuffer.wrap(ViciPacketCodec.encode(packet));
        try {
            while (buffer.hasRemaining()) {
                if (channel.write(buffer) == 0) {
                    await(SelectionKey.OP_WRITE, deadline, "sending " + ViciPacketCodec.describe(packet));
                }
            }
        } catch (IOException e) {
            throw broken("sending " + ViciPacketCodec.describe(packet), e);
        }
    }

    /** The next packet; a clean EOF between packets is a {@link ViciConnectionException}, inside one a protocol error. */
    ViciPacket receive(Deadline deadline) {
        byte[] prefix = new byte[4];
        if (!readFully(prefix, deadline, true)) {
            throw new ViciConnectionException("charon closed the vici connection " + endpoint);
        }
        byte[] segment = new byte[ViciPacketCodec.checkedLength(prefix)];
        readFully(segment, deadline, false);
        return ViciPacketCodec.decode(segment);
    }

    /** @return false on EOF before the first byte when {@code eofAllowed}; EOF later is a truncated packet. */
    private boolean readFully(byte[] target, Deadline deadline, boolean eofAllowed) {
        ByteBuffer buffer = ByteBuffer.wrap(target);
        try {
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer);
                if (n < 0) {
                    if (eofAllowed && buffer.position() == 0) {
                        return false;
                    }
                    throw new ViciProtocolException("connection to " + endpoint + " ended in the middle of a VICI packet ("
                            + buffer.position() + " of " + target.length + (eofAllowed ? " length" : " packet")
                            + " bytes read)", true);
                }
                if (n == 0) {
                    await(SelectionKey.OP_READ, deadline, "waiting for charon's answer");
                }
            }
            return true;
        } catch (IOException e) {
            throw broken("reading", e);
        }
    }

    private void await(int operation, Deadline deadline, String doing) throws IOException {
        try {
            awaitReady(operation, deadline, doing);
        } catch (ClosedSelectorException | CancelledKeyException e) {
            // close() from another thread (the event subscription's shutdown) while we waited
            throw new ViciConnectionException("vici connection " + endpoint + " was closed while " + doing, e);
        }
    }

    private void awaitReady(int operation, Deadline deadline, String doing) throws IOException {
        key.interestOps(operation);
        while (true) {
            if (closed) {
                throw new ViciConnectionException("vici connection " + endpoint + " was closed while " + doing);
            }
            int ready;
            if (deadline.unlimited()) {
                ready = selector.select();
            } else {
                long millis = deadline.remainingMillis();
                if (millis == 0) {
                    throw new ViciTimeoutException("charon at " + endpoint + " did not respond within "
                            + deadline.timeout().toMillis() + " ms (" + doing + "); the connection is discarded");
                }
                ready = selector.select(millis);
            }
            if (ready > 0) {
                selector.selectedKeys().clear();
                return;
            }
        }
    }

    private ViciConnectionException broken(String doing, IOException e) {
        if (closed || e instanceof ClosedChannelException) {
            return new ViciConnectionException("vici connection " + endpoint + " was closed while " + doing, e);
        }
        return new ViciConnectionException("vici connection " + endpoint + " broke while " + doing + ": " + describe(e), e);
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        closeQuietly(channel, selector);
    }

    private static void closeQuietly(SocketChannel channel, Selector selector) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // nothing left to release
        }
        try {
            if (selector != null) {
                selector.close();
            }
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
