package com.slm.adapter.strongswan.vici;

import java.time.Duration;

/**
 * Arguments of {@code initiate}. {@code timeout} is charon's own wait (null: charon's default of waiting
 * until done; {@link Duration#ZERO} is sent as 0 = indefinitely; negative = return at once).
 */
public record ViciInitiate(String child, String ike, Duration timeout, Boolean initLimits, Integer logLevel) {

    public ViciInitiate {
        if ((child == null || child.isBlank()) && (ike == null || ike.isBlank())) {
            throw new IllegalArgumentException("initiate needs a CHILD_SA or an IKE_SA configuration name");
        }
    }

    public static ViciInitiate child(String child) {
        return new ViciInitiate(child, null, null, null, null);
    }

    public static ViciInitiate ike(String ike) {
        return new ViciInitiate(null, ike, null, null, null);
    }

    public ViciInitiate withIke(String ikeName) {
        return new ViciInitiate(child, ikeName, timeout, initLimits, logLevel);
    }

    public ViciInitiate withTimeout(Duration charonTimeout) {
        return new ViciInitiate(child, ike, charonTimeout, initLimits, logLevel);
    }

    public ViciInitiate withInitLimits(boolean limits) {
        return new ViciInitiate(child, ike, timeout, limits, logLevel);
    }

    public ViciInitiate withLogLevel(int level) {
        return new ViciInitiate(child, ike, timeout, initLimits, level);
    }

    ViciMessage toMessage() {
        ViciMessage.Builder b = ViciMessage.builder();
        if (child != null) {
            b.add("child", child);
        }
        if (ike != null) {
            b.add("ike", ike);
        }
        if (timeout != null) {
            b.add("timeout", timeout.isNegative() ? -1 : timeout.toMillis());
        }
        if (initLimits != null) {
            b.add("init-limits", initLimits);
        }
        if (logLevel != null) {
            b.add("loglevel", logLevel);
        }
        return b.build();
    }
}
