package com.slm.adapter.strongswan.vici;

/**
 * Bytes on the wire that are not valid VICI: a bad element type, a length beyond the end, unbalanced
 * sections, an oversized packet, or a packet cut short. Only a cut-short packet is retryable (the peer went
 * away while sending); malformed data will stay malformed.
 */
public class ViciProtocolException extends ViciException {
    public ViciProtocolException(String message) {
        super(message, false);
    }

    public ViciProtocolException(String message, boolean retryable) {
        super(message, retryable);
    }
}
