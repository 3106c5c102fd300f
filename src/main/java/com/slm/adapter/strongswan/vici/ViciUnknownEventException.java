package com.slm.adapter.strongswan.vici;

/** charon answered EVENT_UNKNOWN: it has no event source of that name to (un)register. */
public class ViciUnknownEventException extends ViciException {
    public ViciUnknownEventException(String event) {
        super("charon does not know the event '" + event + "' (EVENT_UNKNOWN)", false);
    }
}
