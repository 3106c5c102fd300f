package com.slm.port;

import com.slm.domain.ObservedConnection;

import java.util.List;

/** Blocks 355-365: the VM's non-managed transport sessions, as observed where the product can see them. */
public interface ConnectionInventory {

    /** The TCP and UDP sessions with the VM's address at one end. */
    List<ObservedConnection> connectionsOf(String vmName, String vmAddress);

    /** Resets one session; returns true when a session was found and reset, false when it was already gone. */
    boolean reset(String vmName, ObservedConnection connection);
}
