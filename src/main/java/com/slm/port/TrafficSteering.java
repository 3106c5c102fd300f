package com.slm.port;

/**
 * Where an environment sends a moving VM's traffic: to the VM where it runs now, or into the VM's IPsec policy.
 * In the patent's order the policy's SAs come up once the VM is at the target, and bringing them up steers its
 * traffic (the network follows the SA). The minimal-blackout mode builds the SAs while the VM still serves at the
 * source: the environments are told to hold the steering back until the switch-over. Every operation is
 * idempotent and fast: the switch-over calls it while the VM is paused.
 */
public interface TrafficSteering {

    /** Before the VM's SAs come up: they must not draw its traffic while the VM still runs at the source. */
    void hold(String environment, String vmAddress);

    /** The switch-over: from now on the environment sends the VM's traffic through its IPsec policy. */
    void steer(String environment, String vmAddress);

    /** The roll-back: the VM stays at the source; a hold is lifted and nothing stays steered. */
    void release(String environment, String vmAddress);
}
