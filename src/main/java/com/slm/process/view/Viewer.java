package com.slm.process.view;

/**
 * Who looks at the migrations page, as the login established it. Operators see the migrations they started;
 * approvers, auditors and admins see every migration (approvers decide on them, auditors read them anyway in the
 * audit view, admins intervene). Only operators and admins may cancel, and operators only their own.
 */
public record Viewer(String userId, boolean seesAll, boolean admin, boolean mayCancel) {

    /** Whether this viewer may see a migration started by {@code startUserId}. */
    public boolean sees(String startUserId) {
        return seesAll || userId.equals(startUserId);
    }

    /** Whether this viewer may cancel a migration started by {@code startUserId} (the cancel call checks it again). */
    public boolean mayCancel(String startUserId) {
        return mayCancel && (admin || userId.equals(startUserId));
    }
}
