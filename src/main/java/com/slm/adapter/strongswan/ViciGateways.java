package com.slm.adapter.strongswan;

import com.slm.adapter.strongswan.vici.ViciClient;
import com.slm.adapter.strongswan.vici.ViciCommandException;
import com.slm.adapter.strongswan.vici.ViciEndpoint;
import com.slm.adapter.strongswan.vici.ViciEventListener;
import com.slm.adapter.strongswan.vici.ViciEventSubscription;
import com.slm.adapter.strongswan.vici.ViciException;
import com.slm.adapter.strongswan.vici.ViciTimeoutException;
import com.slm.port.PortException;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One VICI client per environment's gateway, and the one place where VICI errors become {@link PortException}s
 * that name the gateway (retryable when charon does not answer, not when it refused what was asked).
 */
class ViciGateways {
    private static final Logger LOG = LoggerFactory.getLogger(ViciGateways.class);
    /** A call this slow is named in the log: charon stalls show up there before they show up as outages. */
    private static final long SLOW_CALL_MILLIS = 2000;
    private final StrongswanProperties settings;
    private final Map<String, ViciClient> clients = new ConcurrentHashMap<>();
    /** The environments whose charon let the last call time out (hung, not away), until one is answered again. */
    private final Set<String> unanswered = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    ViciGateways(StrongswanProperties settings) {
        this.settings = settings;
    }

    StrongswanProperties.Gateway gateway(String environment) {
        StrongswanProperties.Gateway gateway = settings.gateways().get(environment);
        if (gateway == null) {
            throw new PortException("No IPsec gateway configured for environment '" + environment
                    + "' (slm.strongswan.gateways." + environment + ")", false);
        }
        return gateway;
    }

    /**
     * Runs a call on the environment's charon. A connection that broke (charon restarted since the last call: a
     * stale socket, a broken pipe) is dropped and the call made once more on a fresh one before it counts as a
     * failure; a refusal by charon is never repeated, nor a call charon let time out (the client has already
     * discarded that connection; the caller's own retry, the engine's or the watchdog's next pass, asks again).
     */
    <T> T call(String environment, String action, Function<ViciClient, T> call) {
        long started = System.nanoTime();
        try {
            T answer = callOnce(environment, action, call);
            unanswered.remove(environment);
            return answer;
        } catch (PortException e) {
            noteTimeout(environment, e);
            throw e;
        } finally {
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (millis >= SLOW_CALL_MILLIS) {
                LOG.warn("charon of {}: {} took {} ms", environment, action, millis);
            }
        }
    }

    private <T> T callOnce(String environment, String action, Function<ViciClient, T> call) {
        StrongswanProperties.Gateway gateway = gateway(environment);
        try {
            return applyOnOpenClient(environment, gateway, call);
        } catch (ViciException first) {
            // a timeout is no broken connection: charon hangs or is slow, and a fresh connection would wait as long
            if (!first.isRetryable() || first instanceof ViciCommandException || first instanceof ViciTimeoutException) {
                throw failure(environment, gateway, action, first);
            }
            drop(environment);
            try {
                return applyOnOpenClient(environment, gateway, call);
            } catch (ViciException second) {
                throw failure(environment, gateway, action, second);
            }
        }
    }

    /**
     * The clients are shared by the steps, the watchdog and the health check: another thread's failed call may drop
     * and close the client this call just took (a hung charon's health check, say, while the watchdog lists its SAs).
     * That call then runs once more on a fresh client instead of failing as if charon had not answered (the
     * watchdog would record nothing for that pass); once the product stops, no client is opened again.
     */
    private <T> T applyOnOpenClient(String environment, StrongswanProperties.Gateway gateway, Function<ViciClient, T> call) {
        ViciClient client = client(environment, gateway);
        try {
            return call.apply(client);
        } catch (IllegalStateException closed) {
            if (stopped || !client.isClosed()) {
                throw closed;
            }
            clients.remove(environment, client);
            return call.apply(client(environment, gateway));
        }
    }

    /**
     * Subscribes to charon's events on the environment's gateway, on a VICI connection of their own; the caller
     * closes the subscription (it outlives a client dropped here after a failed call).
     */
    ViciEventSubscription subscribe(String environment, ViciEventListener listener, String... events) {
        StrongswanProperties.Gateway gateway = gateway(environment);
        try {
            ViciEventSubscription subscription = client(environment, gateway).subscribe(listener, events);
            unanswered.remove(environment);
            return subscription;
        } catch (ViciException e) {
            PortException failure = failure(environment, gateway, "subscribe to " + String.join(", ", events), e);
            noteTimeout(environment, failure);
            throw failure;
        }
    }

    /**
     * Whether the environment's charon let its last call time out, and none was answered since: it is hung (a
     * dead one refuses at once). What can wait for it (the event subscription) waits until a call is answered again,
     * instead of spending another call timeout on it at every watchdog tick.
     */
    boolean hung(String environment) {
        return unanswered.contains(environment);
    }

    private void noteTimeout(String environment, PortException e) {
        if (e.getCause() instanceof ViciTimeoutException) {
            unanswered.add(environment);
        }
    }

    private ViciClient client(String environment, StrongswanProperties.Gateway gateway) {
        if (stopped) {
            // the product stops: no new connection to charon that nobody would close
            throw new IllegalStateException("the IPsec gateways' VICI clients are closed: the product is stopping");
        }
        return clients.computeIfAbsent(environment, e -> new ViciClient(endpoint(gateway), settings.callTimeout()));
    }

    private void drop(String environment) {
        ViciClient stale = clients.remove(environment);
        if (stale != null) {
            stale.close();
        }
    }

    private static PortException failure(String environment, StrongswanProperties.Gateway gateway, String action, ViciException e) {
        return new PortException("charon of " + environment + " (" + gateway.viciSocket() + "): " + action
                + " failed: " + e.getMessage(), e.isRetryable(), e);
    }

    private static ViciEndpoint endpoint(StrongswanProperties.Gateway gateway) {
        String socket = gateway.viciSocket();
        if (socket == null || socket.isBlank()) {
            throw new PortException("No VICI socket configured for IPsec gateway " + gateway.address(), false);
        }
        return socket.contains("://") ? ViciEndpoint.parse(socket) : ViciEndpoint.unix(Path.of(socket));
    }

    @PreDestroy
    void close() {
        stopped = true;
        clients.values().forEach(ViciClient::close);
        clients.clear();
    }
}
