package com.slm.adapter.strongswan.vici;

/**
 * charon did not answer within the call's timeout. The connection is discarded because a late answer
 * would otherwise be taken for the answer to the next command.
 */
public class ViciTimeoutException extends ViciConnectionException {
    public ViciTimeoutException(String message) {
        super(message);
    }
}
