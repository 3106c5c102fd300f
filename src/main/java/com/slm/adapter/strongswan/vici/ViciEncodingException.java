package com.slm.adapter.strongswan.vici;

/**
 * A message that VICI cannot carry: a name longer than 255 bytes, a value or list item longer than 65535
 * bytes, or a packet above charon's 512 KiB limit. Raised before anything is sent.
 */
public class ViciEncodingException extends IllegalArgumentException {
    public ViciEncodingException(String message) {
        super(message);
    }
}
