package com.slm.adapter.strongswan.vici;

import java.time.Duration;

/** Arguments of {@code terminate}: by configuration name or by unique id; {@code timeout} as in {@link ViciInitiate}. */
public record ViciTerminate(String child, String ike, Long childId, Long ikeId, Boolean force, Duration timeout,
                            Integer logLevel) {

    public ViciTerminate {
        if (child == null && ike == null && childId == null && ikeId == null) {
            throw new IllegalArgumentException("terminate needs a child, ike, child_id or ike_id");
        }
    }

    public static ViciTerminate child(String child) {
        return new ViciTerminate(child, null, null, null, null, null, null);
    }

    public static ViciTerminate ike(String ike) {
        return new ViciTerminate(null, ike, null, null, null, null, null);
    }

    public static ViciTerminate ikeId(long ikeId) {
        return new ViciTerminate(null, null, null, ikeId, null, null, null);
    }

    public static ViciTerminate childId(long childId) {
        return new ViciTerminate(null, null, childId, null, null, null, null);
    }

    public ViciTerminate withTimeout(Duration charonTimeout) {
        return new ViciTerminate(child, ike, childId, ikeId, force, charonTimeout, logLevel);
    }

    public ViciTerminate withForce(boolean forced) {
        return new ViciTerminate(child, ike, childId, ikeId, forced, timeout, logLevel);
    }

    ViciMessage toMessage() {
        ViciMessage.Builder b = ViciMessage.builder();
        if (child != null) {
            b.add("child", child);
        }
        if (ike != null) {
            b.add("ike", ike);
        }
        if (childId != null) {
            b.add("child_id", childId);
        }
        if (ikeId != null) {
            b.add("ike_id", ikeId);
        }
        if (force != null) {
            b.add("force", force);
        }
        if (timeout != null) {
            b.add("timeout", timeout.isNegative() ? -1 : timeout.toMillis());
        }
        if (logLevel != null) {
            b.add("loglevel", logLevel);
        }
        return b.build();
    }
}
