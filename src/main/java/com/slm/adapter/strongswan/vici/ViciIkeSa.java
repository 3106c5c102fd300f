package com.slm.adapter.strongswan.vici;

import java.util.ArrayList;
import java.util.List;

/** An IKE_SA as {@code list-sas} (or {@code ike-updown}/{@code child-updown}) reports it, with its CHILD_SAs. */
public record ViciIkeSa(String name, String uniqueId, String state, String localHost, String remoteHost,
                        String localId, String remoteId, String initiatorSpi, String responderSpi,
                        List<ViciChildSa> children) {

    /** Every IKE_SA section in a {@code list-sa} event (one per event in practice). */
    static List<ViciIkeSa> fromEvent(ViciMessage event) {
        List<ViciIkeSa> result = new ArrayList<>();
        for (ViciEntry e : event.entries()) {
            if (e instanceof ViciEntry.Section s) {
                result.add(from(s.name(), s.content()));
            }
        }
        return result;
    }

    public static ViciIkeSa from(String name, ViciMessage m) {
        List<ViciChildSa> children = new ArrayList<>();
        // entries, not sections(): two CHILD_SAs of one config may share a section name
        for (ViciEntry e : m.section("child-sas").map(ViciMessage::entries).orElse(List.of())) {
            if (e instanceof ViciEntry.Section child) {
                children.add(ViciChildSa.from(child.name(), child.content()));
            }
        }
        return new ViciIkeSa(name, m.valueOr("uniqueid", ""), m.valueOr("state", ""), m.valueOr("local-host", ""),
                m.valueOr("remote-host", ""), m.valueOr("local-id", ""), m.valueOr("remote-id", ""),
                m.valueOr("initiator-spi", ""), m.valueOr("responder-spi", ""), List.copyOf(children));
    }
}
