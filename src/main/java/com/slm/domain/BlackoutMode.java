package com.slm.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a migration orders its steps around the switch-over, chosen per request (start form field
 * {@code blackoutMode}); both never let the VM's traffic pass in clear.
 */
public enum BlackoutMode {
    /**
     * The patent's order: the VM's links go down before the live migration (block 320) and come up only once its
     * policy is installed and its insecure sessions are reset at the target (block 370).
     */
    STRICT("strict"),
    /**
     * Everything that does not need the VM stopped happens before the switch (SAs up but not steered into, the
     * fail-closed guard, the connection inventory); the VM keeps serving during the pre-copy, and on the hypervisor's
     * event one step steers the traffic, resets the insecure sessions and resumes the VM at the target.
     */
    MINIMAL("minimal");

    private final String value;

    BlackoutMode(String value) {
        this.value = value;
    }

    /** As the form and the sealed request spell it. */
    public String value() {
        return value;
    }

    public static Optional<BlackoutMode> of(String value) {
        return Arrays.stream(values()).filter(m -> m.value.equals(value)).findFirst();
    }
}
