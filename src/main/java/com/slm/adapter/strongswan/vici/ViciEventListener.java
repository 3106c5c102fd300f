package com.slm.adapter.strongswan.vici;

/** Receives charon's asynchronous events on the subscription's listener thread. */
public interface ViciEventListener {

    /**
     * One event, e.g. {@code child-updown}, one at a time: on the listener thread, or on the subscribing
     * thread for an event that fires while the later events of the same subscription are still being registered.
     */
    void onEvent(String event, ViciMessage message);

    /**
     * The event connection ended without {@code close()} being called (charon stopped, socket broke).
     * No more events follow, and the subscription's {@code isOpen()} is already false; open a new one to resume.
     */
    default void onFailure(ViciException cause) {
    }
}
