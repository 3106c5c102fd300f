package com.slm.adapter.strongswan;

import com.slm.adapter.Commands;
import com.slm.adapter.strongswan.vici.ViciInitiate;
import com.slm.domain.SaDetails;
import com.slm.port.PortException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings a loaded CHILD_SA up from the secure side ({@code initiate}), with the sites' prepare hooks run around it
 * where a gateway needs them; for a step, it also waits until the responder lists the CHILD_SA INSTALLED too
 * ({@link ChildSaUpWait}). The watchdog's repair initiates without waiting: its next pass looks again.
 */
final class ChildSaInitiator {
    private static final Logger LOG = LoggerFactory.getLogger(ChildSaInitiator.class);
    /**
     * How often a step looks at list-sas again for a CHILD_SA it initiated when no up event from the responder's
     * charon came (none could be subscribed to, or it was missed): events are a hint, list-sas is the truth.
     */
    static final Duration INSTALLED_RECHECK = Duration.ofMillis(500);

    private final ViciGateways gateways;
    private final StrongswanProperties settings;
    private final ConnectionSas sas;
    private final Commands commands;

    ChildSaInitiator(ViciGateways gateways, StrongswanProperties settings, ConnectionSas sas) {
        this.gateways = gateways;
        this.settings = settings;
        this.sas = sas;
        this.commands = new Commands(settings.callTimeout());
    }

    /**
     * Initiates the CHILD_SA and waits until both gateways list it INSTALLED; returns both ends' details. The caller
     * has loaded it on both gateways.
     */
    List<SaDetails> initiateAndAwaitInstalled(String secureEnv, String targetEnv, String conn, String child,
                                              List<String> secureTs, List<String> targetTs) {
        // listening before the initiation: the responder's event may come before initiate returns
        try (ChildSaUpWait responderUp = ChildSaUpWait.on(gateways, targetEnv, conn, child)) {
            initiate(secureEnv, targetEnv, conn, child, secureTs, targetTs);
            return awaitInstalledOnBoth(secureEnv, targetEnv, conn, child, responderUp);
        }
    }

    /**
     * After the initiation: initiate returns once the initiator has the CHILD_SA, and the responder installs it
     * moments later. list-sas decides; the responder's up event only says when to ask again (at once), and without
     * one the step asks again every {@link #INSTALLED_RECHECK}, within the establish timeout.
     */
    private List<SaDetails> awaitInstalledOnBoth(String secureEnv, String targetEnv, String conn, String child,
                                                 ChildSaUpWait responderUp) {
        long deadline = System.nanoTime() + settings.establishTimeout().toNanos();
        while (true) {
            List<SaDetails> installed = sas.installedOnBoth(secureEnv, targetEnv, conn, child);
            if (installed != null) {
                LOG.info("CHILD_SA {} of {} INSTALLED on {} and {}", child, conn, secureEnv, targetEnv);
                return installed;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new PortException("CHILD_SA " + child + " of " + conn + " is not INSTALLED on both gateways ("
                        + secureEnv + ", " + targetEnv + ") after " + settings.establishTimeout().toSeconds() + " s", true);
            }
            responderUp.await(Duration.ofNanos(Math.min(left, INSTALLED_RECHECK.toNanos())));
        }
    }

    /** Brings a CHILD_SA up from the secure side, with each site prepared meanwhile where its gateway needs it. */
    void initiate(String secureEnv, String targetEnv, String conn, String child, List<String> secureTs, List<String> targetTs) {
        prepare(secureEnv, "prepare", secureTs);
        prepare(targetEnv, "prepare", targetTs);
        try {
            gateways.call(secureEnv, "initiate " + conn + "/" + child, c -> c.initiate(
                    ViciInitiate.child(child).withIke(conn).withTimeout(settings.establishTimeout())));
        } finally {
            settle(secureEnv, secureTs);
            settle(targetEnv, targetTs);
        }
    }

    /** Runs the gateway's prepare hook ({@link StrongswanProperties.Gateway#prepareHook}), if it has one. */
    private void prepare(String environment, String verb, List<String> localTs) {
        List<String> hook = gateways.gateway(environment).prepareHook();
        if (hook.isEmpty()) {
            return;
        }
        List<String> argv = new ArrayList<>(hook);
        argv.add(verb);
        argv.addAll(localTs);
        commands.run(null, argv.toArray(String[]::new));
    }

    private void settle(String environment, List<String> localTs) {
        try {
            prepare(environment, "settle", localTs);
        } catch (PortException e) {
            // what was prepared goes with the site's next settle; the SA's own state is what the caller checks
            LOG.warn("Settling {} after an initiation failed: {}", environment, e.getMessage());
        }
    }
}
