package com.slm.adapter.strongswan;

import com.slm.adapter.strongswan.vici.ViciEventListener;
import com.slm.adapter.strongswan.vici.ViciEventSubscription;
import com.slm.adapter.strongswan.vici.ViciException;
import com.slm.adapter.strongswan.vici.ViciMessage;
import com.slm.adapter.strongswan.vici.ViciUpdown;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * charon's own word that one of the product's SAs went down ({@code child-updown} or {@code ike-updown} without
 * {@code up = yes}: deleted by the peer, DPD, a failed rekey, a terminate), so that the watchdog repairs it at once
 * instead of at its next scheduled pass. One long-lived subscription per gateway, on a VICI connection of its own.
 * <p>
 * Events are a hint: nothing here decides what is missing (the pass asks list-sas), and the scheduled pass stays the
 * fallback for what no event reports (charon restarted: it remembers no SA to report down). That pass also calls
 * {@link #keepSubscribed()}, which opens again a subscription that ended (charon restarted and closed the socket) or
 * never opened (charon was away): no thread of its own, and no retry loop. A hung charon (its last call timed out)
 * is not asked until one of the pass's calls is answered again.
 */
final class SaLossEvents implements AutoCloseable {
    static final List<String> EVENTS = List.of("child-updown", "ike-updown");
    private static final Logger LOG = LoggerFactory.getLogger(SaLossEvents.class);

    private final ViciGateways gateways;
    private final List<String> environments;
    private final Runnable onSaLoss;
    /** Per environment: its open subscription, or null while charon could not be subscribed to. */
    private final Map<String, ViciEventSubscription> subscriptions = new LinkedHashMap<>();
    private boolean closed;

    SaLossEvents(ViciGateways gateways, List<String> environments, Runnable onSaLoss) {
        this.gateways = gateways;
        this.environments = List.copyOf(environments);
        this.onSaLoss = onSaLoss;
    }

    /** Opens each gateway's subscription that is not open; a charon that does not answer is asked again next time. */
    synchronized void keepSubscribed() {
        if (closed) {
            return;
        }
        for (String environment : environments) {
            ViciEventSubscription current = subscriptions.get(environment);
            if (current != null && current.isOpen()) {
                continue;
            }
            if (current != null) {
                current.close(); // ended by charon: only its thread's remains to release
            }
            boolean failedBefore = subscriptions.containsKey(environment) && current == null;
            if (gateways.hung(environment)) {
                // its last call timed out: a subscription would too, and hold this tick a whole call timeout; the
                // pass's own calls say when it answers again, and the next tick subscribes then
                LOG.debug("charon of {} is not answering: subscribing once a call is answered again", environment);
                subscriptions.put(environment, null);
                continue;
            }
            subscriptions.put(environment, subscribe(environment, failedBefore));
        }
    }

    /** @param failedBefore whether the last try failed too: a failure is then no news (debug, not a warning) */
    private ViciEventSubscription subscribe(String environment, boolean failedBefore) {
        try {
            ViciEventSubscription subscription = gateways.subscribe(environment, new Listener(environment),
                    EVENTS.toArray(String[]::new));
            LOG.info("Listening to charon of {} for lost SAs ({})", environment, String.join(", ", EVENTS));
            return subscription;
        } catch (RuntimeException e) {
            // events are a hint: whatever keeps them away (charon away or hung, the VICI client closed as the product
            // stops) must not keep the scheduled pass from running
            String message = "No events from charon of {} for now (the watchdog's passes still look every few seconds; "
                    + "subscribing again at the next pass): {}";
            if (failedBefore) {
                LOG.debug(message, environment, e.getMessage());
            } else {
                LOG.warn(message, environment, e.getMessage());
            }
            return null;
        }
    }

    /** The environments whose subscription is open now (for tests and the log). */
    synchronized List<String> subscribed() {
        return subscriptions.entrySet().stream().filter(e -> e.getValue() != null && e.getValue().isOpen())
                .map(Map.Entry::getKey).toList();
    }

    @PreDestroy
    @Override
    public synchronized void close() {
        closed = true;
        subscriptions.values().stream().filter(s -> s != null).forEach(ViciEventSubscription::close);
        subscriptions.clear();
    }

    /** One gateway's events, on its subscription's thread: asks for a pass and returns at once. */
    private final class Listener implements ViciEventListener {
        private final String environment;

        Listener(String environment) {
            this.environment = environment;
        }

        @Override
        public void onEvent(String event, ViciMessage message) {
            ViciUpdown updown = ViciUpdown.from(message);
            List<String> ours = updown.connections().stream().filter(StrongswanIpsecGateway::isProductConnection).toList();
            if (updown.up() || ours.isEmpty()) {
                return; // an SA that came up, or a connection of the site's own: nothing to repair
            }
            LOG.info("charon of {} reports an SA of {} down ({}): a heal pass looks now", environment, String.join(", ", ours),
                    event);
            onSaLoss.run();
        }

        @Override
        public void onFailure(ViciException cause) {
            LOG.info("Events from charon of {} ended ({}): subscribing again at the watchdog's next pass", environment,
                    cause.getMessage());
        }
    }
}
