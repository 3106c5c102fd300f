package com.slm.adapter.strongswan.vici;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * Asynchronous events on a connection of their own, so that they never interleave with command answers.
 * Registration happens in {@link #open} (each event confirmed by charon, within the timeout); a daemon
 * thread then delivers events until {@link #close()}, which closes the socket and joins the thread: once it
 * has returned, no event is delivered any more (unless a listener held the thread for more than 5 s).
 * <p>
 * When charon closes the socket (it stopped or restarted) or sends what is not VICI, the thread ends, the
 * listener hears {@link ViciEventListener#onFailure} once, {@link #isOpen()} being false by then: nothing is
 * reopened here, since only the owner knows whether charon is worth asking again (the IPsec adapter reopens
 * at its watchdog's next pass). The subscription lives apart from the {@link ViciClient} that opened it:
 * closing the client leaves it open, so its owner closes it.
 */
public final class ViciEventSubscription implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ViciEventSubscription.class);

    private final ViciEndpoint endpoint;
    private final List<String> events;
    private final ViciEventListener listener;
    private final ViciConnection connection;
    private final Thread thread;
    private volatile boolean closing;

    private ViciEventSubscription(ViciEndpoint endpoint, List<String> events, ViciEventListener listener,
                                  ViciConnection connection) {
        this.endpoint = endpoint;
        this.events = events;
        this.listener = listener;
        this.connection = connection;
        this.thread = new Thread(this::deliver, "vici-events-" + endpoint.uri());
        this.thread.setDaemon(true);
    }

    static ViciEventSubscription open(ViciEndpoint endpoint, Duration timeout, List<String> events,
                                      ViciEventListener listener) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("subscribe to at least one event");
        }
        Deadline deadline = Deadline.after(timeout);
        ViciConnection connection = ViciConnection.open(endpoint, deadline);
        ViciEventSubscription subscription = new ViciEventSubscription(endpoint, List.copyOf(events), listener, connection);
        try {
            for (String event : events) {
                connection.send(ViciPacket.register(event), deadline);
                subscription.awaitConfirmation(event, deadline);
            }
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
        subscription.thread.start();
        log.debug("vici: subscribed to {} on {}", events, endpoint);
        return subscription;
    }

    private void awaitConfirmation(String event, Deadline deadline) {
        while (true) {
            ViciPacket packet = connection.receive(deadline);
            switch (packet.type()) {
                case EVENT_CONFIRM -> {
                    return;
                }
                case EVENT_UNKNOWN -> throw new ViciUnknownEventException(event);
                // an event registered a moment ago may already fire
                case EVENT -> dispatch(packet);
                default -> throw new ViciProtocolException("unexpected " + packet.type()
                        + " while registering event '" + event + "'");
            }
        }
    }

    private void deliver() {
        try {
            while (!closing) {
                ViciPacket packet = connection.receive(Deadline.NONE);
                if (closing) {
                    // close() is under way: its caller may already have let go of what the listener touches
                    return;
                }
                if (packet.type() == ViciPacketType.EVENT) {
                    dispatch(packet);
                } else {
                    log.debug("vici: ignoring {} on the event connection {}", packet.type(), endpoint);
                }
            }
        } catch (ViciException e) {
            // closed before the listener hears of it: whoever it tells finds isOpen() false already
            connection.close();
            if (!closing) {
                log.warn("vici: event connection {} ended: {}", endpoint, e.getMessage());
                try {
                    listener.onFailure(e);
                } catch (RuntimeException listenerError) {
                    log.warn("vici: event listener failed on connection loss: {}", listenerError.toString());
                }
            }
        } finally {
            connection.close();
        }
    }

    private void dispatch(ViciPacket packet) {
        try {
            listener.onEvent(packet.name(), packet.message());
        } catch (RuntimeException e) {
            // A faulty listener must not end the subscription; the message itself is not logged (it may be large).
            log.warn("vici: event listener failed on '{}': {}", packet.name(), e.toString());
        }
    }

    public List<String> events() {
        return events;
    }

    /** True while events can still arrive. */
    public boolean isOpen() {
        return !closing && !connection.isClosed() && thread.isAlive();
    }

    @Override
    public void close() {
        closing = true;
        connection.close();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        log.debug("vici: event subscription {} on {} closed", events, endpoint);
    }
}
