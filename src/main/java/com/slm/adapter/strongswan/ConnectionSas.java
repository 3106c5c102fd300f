package com.slm.adapter.strongswan;

import com.slm.adapter.strongswan.vici.ViciChildSa;
import com.slm.adapter.strongswan.vici.ViciCommandException;
import com.slm.adapter.strongswan.vici.ViciIkeSa;
import com.slm.adapter.strongswan.vici.ViciTerminate;
import com.slm.domain.SaDetails;
import com.slm.logging.LogContext;
import com.slm.port.PortException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The SAs of one of the product's IKE connections on a gateway, over VICI: which of its CHILD_SAs charon lists as
 * INSTALLED ({@code list-sas}), their details, and closing a CHILD_SA or the whole IKE_SA ({@code terminate}).
 * Used by the steps ({@link StrongswanIpsecGateway}), the initiation and the watchdog's repair alike.
 */
final class ConnectionSas {
    static final String INSTALLED = "INSTALLED";
    private static final Duration STALE_IKE_TERMINATE_TIMEOUT = Duration.ofSeconds(2);

    private final ViciGateways gateways;
    private final StrongswanProperties settings;

    ConnectionSas(ViciGateways gateways, StrongswanProperties settings) {
        this.gateways = gateways;
        this.settings = settings;
    }

    /** The names of the connection's CHILD_SAs that the gateway lists as INSTALLED (one list-sas). */
    Set<String> installedNames(String environment, String conn) {
        Set<String> up = new HashSet<>();
        for (ViciIkeSa ike : gateways.call(environment, "list SAs of " + conn, c -> c.listSas(conn))) {
            for (ViciChildSa sa : ike.children()) {
                if (INSTALLED.equals(sa.state())) {
                    up.add(sa.name());
                }
            }
        }
        return up;
    }

    /** Both ends' INSTALLED CHILD_SAs of that name, or null while either lacks one. */
    List<SaDetails> installedOnBoth(String secureEnv, String targetEnv, String conn, String child) {
        List<List<SaDetails>> both = LogContext.bothAtOnce(() -> installed(secureEnv, conn, child),
                () -> installed(targetEnv, conn, child));
        List<SaDetails> secure = both.get(0);
        List<SaDetails> target = both.get(1);
        if (secure.isEmpty() || target.isEmpty()) {
            return null;
        }
        List<SaDetails> all = new ArrayList<>(secure);
        all.addAll(target);
        return all;
    }

    private List<SaDetails> installed(String environment, String conn, String child) {
        List<SaDetails> found = new ArrayList<>();
        for (ViciIkeSa ike : gateways.call(environment, "list SAs of " + conn, c -> c.listSas(conn))) {
            for (ViciChildSa sa : ike.children()) {
                if (child.equals(sa.name()) && INSTALLED.equals(sa.state())) {
                    found.add(details(environment, ike, sa));
                }
            }
        }
        return found;
    }

    void terminate(String environment, String conn, String child) {
        try {
            gateways.call(environment, "terminate " + child, c -> c.terminate(
                    ViciTerminate.child(child).withTimeout(settings.establishTimeout())));
        } catch (PortException e) {
            if (!(e.getCause() instanceof ViciCommandException)) {
                throw e;
            }
            // "no matching SAs": already gone, which is what we want
        }
    }

    /**
     * Closes an IKE_SA whose peer has forgotten it (that charon restarted). By force and with a short timeout: no
     * DELETE can be answered, and waiting for one would hold the watchdog (and the gateway's VICI connection) for
     * the whole establish timeout (a 30 s watchdog stall after a charon restart was seen in the lab).
     */
    void terminateIke(String environment, String conn) {
        try {
            gateways.call(environment, "terminate " + conn, c -> c.terminate(
                    ViciTerminate.ike(conn).withForce(true).withTimeout(STALE_IKE_TERMINATE_TIMEOUT)));
        } catch (PortException e) {
            if (!(e.getCause() instanceof ViciCommandException)) {
                throw e;
            }
        }
    }

    /** An INSTALLED CHILD_SA as the process records it for audit. */
    static SaDetails details(String environment, ViciIkeSa ike, ViciChildSa child) {
        String proposal = child.encrAlg() + (child.integAlg().isEmpty() ? "" : "/" + child.integAlg());
        return new SaDetails(environment, ike.name() + "#" + ike.uniqueId(), child.name() + "#" + child.uniqueId(),
                child.state(), child.spiIn(), child.spiOut(), proposal, child.localTs(), child.remoteTs(),
                child.bytesIn(), child.bytesOut());
    }
}
