package com.slm.adapter.strongswan.vici;

import java.util.List;

/**
 * charon executed the command and answered {@code success = no}. Carries charon's {@code errmsg} and, for
 * {@code initiate}/{@code terminate}, the control-log lines that explain it. Not retryable as such: the
 * request itself was refused.
 */
public class ViciCommandException extends ViciException {
    private final String command;
    private final String errmsg;
    private final List<String> log;

    public ViciCommandException(String command, String errmsg, List<String> log) {
        super("charon refused '" + command + "': " + (errmsg == null ? "no errmsg given" : errmsg), false);
        this.command = command;
        this.errmsg = errmsg;
        this.log = log == null ? List.of() : List.copyOf(log);
    }

    public String command() {
        return command;
    }

    /** charon's error text, or null when charon gave none. */
    public String errmsg() {
        return errmsg;
    }

    /** control-log messages streamed while the command ran (empty for non-streamed commands). */
    public List<String> log() {
        return log;
    }
}
