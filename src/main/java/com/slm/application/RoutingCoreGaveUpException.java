package com.slm.application;

import com.slm.port.PortException;

/**
 * Block 380 waited its whole window and the routing core still has no route: an incident at once (an automatic
 * retry would just wait again unseen). An admin's retry restarts the window.
 */
public class RoutingCoreGaveUpException extends PortException implements IncidentAtOnce {
    /** How the give-up reads in the job's failure, so the next attempt knows it follows a give-up. */
    public static final String GAVE_UP = "gave up waiting for the routing core";

    public RoutingCoreGaveUpException(String detail) {
        super(GAVE_UP + ": " + detail + ". Retrying this job waits the whole window again", false);
    }
}
