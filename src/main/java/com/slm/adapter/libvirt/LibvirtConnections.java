package com.slm.adapter.libvirt;

import com.slm.domain.HostEndpoints;
import com.slm.domain.HostRef;
import com.slm.logging.LogContext;
import com.slm.port.PortException;
import com.slm.port.Topology;
import jakarta.annotation.PreDestroy;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.event.LifecycleListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One shared connection per configured host, opened on first use, with keepalive, and opened again when
 * libvirtd restarted or the link broke. Every call runs with a time limit: a host that does not answer gives a
 * retryable {@link PortException} naming it, never a thread blocked forever.
 */
class LibvirtConnections {
    private static final Logger LOG = LoggerFactory.getLogger(LibvirtConnections.class);

    /** Work on one host's connection. */
    interface Call<T> {
        T on(Connect connection) throws LibvirtException;
    }

    private final Topology topology;
    private final LibvirtProperties settings;
    private final LibvirtEvents events;
    private final Map<HostRef, Connect> open = new ConcurrentHashMap<>();
    /** The listener registered on each open connection: removed before the connection closes, or libvirt's
     *  event loop would later call into a freed callback (that crashed the JVM). */
    private final Map<Connect, LifecycleListener> listeners = new ConcurrentHashMap<>();
    private final ExecutorService calls = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "libvirt-call");
        t.setDaemon(true);
        return t;
    });

    LibvirtConnections(Topology topology, LibvirtProperties settings, LibvirtEvents events) {
        this.topology = topology;
        this.settings = settings;
        this.events = events;
    }

    <T> T call(HostRef host, String action, Call<T> call) {
        // the call's own lines (a new connection, no keepalive) carry the step that made it
        Future<T> result = calls.submit(LogContext.carried(() -> call.on(connection(host))));
        try {
            return result.get(settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            drop(host);
            throw new PortException("libvirt on " + host + ": " + action + " got no answer within "
                    + settings.callTimeout().toSeconds() + " s", true, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LibvirtException le) {
                if (!LibvirtErrors.isNoDomain(le)) {
                    dropIfDead(host);
                }
                throw LibvirtErrors.of(host, action, le);
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new PortException("libvirt on " + host + ": " + action + " failed: " + cause, true, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortException("libvirt on " + host + ": interrupted during " + action, true, e);
        }
    }

    /** The host's libvirt URI, as configured (for messages and for peer-to-peer migration). */
    HostEndpoints hostSettings(HostRef host) {
        return topology.host(host).orElseThrow(() -> new PortException("Unknown host " + host
                + ": not under slm.environments." + host.environment() + ".hosts", false));
    }

    private synchronized Connect connection(HostRef host) throws LibvirtException {
        Connect existing = open.get(host);
        if (existing != null && existing.isAlive()) {
            return existing;
        }
        if (existing != null) {
            closeQuietly(existing);
            open.remove(host);
        }
        String uri = hostSettings(host).libvirtUri();
        Connect connection = new Connect(uri, false);
        try {
            connection.setKeepAlive(settings.keepaliveInterval(), settings.keepaliveCount());
        } catch (LibvirtException e) {
            LOG.warn("No keepalive on {} ({}): calls still have their time limit", host, e.getMessage());
        }
        LifecycleListener listener = events.listenerFor(host);
        if (listener != null) {
            try {
                connection.addLifecycleListener(listener);
                listeners.put(connection, listener);
            } catch (LibvirtException e) {
                LOG.warn("No lifecycle events from {}: {}; block 330 falls back on polling", host, e.getMessage());
            }
        }
        open.put(host, connection);
        LOG.info("Connected to libvirt on {} ({})", host, uri);
        return connection;
    }

    private void dropIfDead(HostRef host) {
        Connect connection = open.get(host);
        try {
            if (connection != null && !connection.isAlive()) {
                drop(host);
            }
        } catch (LibvirtException e) {
            drop(host);
        }
    }

    private synchronized void drop(HostRef host) {
        Connect connection = open.remove(host);
        if (connection != null) {
            closeQuietly(connection);
        }
    }

    private void closeQuietly(Connect connection) {
        LifecycleListener listener = listeners.remove(connection);
        try {
            if (listener != null) {
                connection.removeLifecycleListener(listener);
            }
        } catch (LibvirtException | RuntimeException ignored) {
            // the connection is already broken: libvirt dropped its callbacks with it
        }
        try {
            connection.close();
        } catch (LibvirtException | RuntimeException ignored) {
            // already broken: nothing to release
        }
    }

    @PreDestroy
    void close() {
        open.keySet().forEach(this::drop);
        calls.shutdownNow();
    }
}
