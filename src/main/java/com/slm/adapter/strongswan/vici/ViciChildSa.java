package com.slm.adapter.strongswan.vici;

import java.util.List;

/** A CHILD_SA as {@code list-sas} reports it (keys never appear in it). */
public record ViciChildSa(String name, String uniqueId, String reqid, String state, String mode, String protocol,
                          boolean encap, String spiIn, String spiOut, String encrAlg, String integAlg,
                          long bytesIn, long bytesOut, long packetsIn, long packetsOut,
                          List<String> localTs, List<String> remoteTs) {

    static ViciChildSa from(String sectionName, ViciMessage m) {
        return new ViciChildSa(m.valueOr("name", sectionName), m.valueOr("uniqueid", ""), m.valueOr("reqid", ""),
                m.valueOr("state", ""), m.valueOr("mode", ""), m.valueOr("protocol", ""),
                "yes".equals(m.valueOr("encap", "no")), m.valueOr("spi-in", ""), m.valueOr("spi-out", ""),
                m.valueOr("encr-alg", ""), m.valueOr("integ-alg", ""),
                number(m, "bytes-in"), number(m, "bytes-out"), number(m, "packets-in"), number(m, "packets-out"),
                m.list("local-ts"), m.list("remote-ts"));
    }

    static long number(ViciMessage m, String key) {
        String value = m.valueOr(key, "0");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ViciProtocolException("charon sent a non-numeric '" + key + "': " + value);
        }
    }
}
