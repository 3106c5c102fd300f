package com.slm.application;

/**
 * Marks a failure that an automatic retry cannot change (a give-up after a waiting window): the engine makes it an
 * incident at once instead of running the retry cycle (see {@code config/FailedJobRetries}); an admin's retry runs
 * the step again.
 */
public interface IncidentAtOnce {

    /** Whether the failure, or anything that caused it, is one of these. */
    static boolean in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IncidentAtOnce) {
                return true;
            }
        }
        return false;
    }
}
