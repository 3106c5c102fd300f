package com.slm.adapter.strongswan.vici;

/** charon answered CMD_UNKNOWN: this daemon has no handler for the command (too old, or plugin missing). */
public class ViciUnknownCommandException extends ViciException {
    public ViciUnknownCommandException(String command) {
        super("charon does not know the command '" + command + "' (CMD_UNKNOWN): daemon too old or vici plugin incomplete",
                false);
    }
}
