package com.slm.adapter.strongswan.vici;

import java.util.List;

/**
 * An {@code ike-updown} or {@code child-updown} event as charon raises it (vici README, "Server-issued events"):
 * {@code up = yes} when the SA came up, the key absent when it went down (charon's vici plugin adds it only for
 * an up event), and one section per IKE_SA named after its connection, with the data of {@code list-sas}; in a
 * {@code child-updown} its {@code child-sas} section holds only the CHILD_SA that changed.
 */
public record ViciUpdown(boolean up, List<ViciIkeSa> ikeSas) {

    public static ViciUpdown from(ViciMessage event) {
        return new ViciUpdown("yes".equals(event.valueOr("up", "")), List.copyOf(ViciIkeSa.fromEvent(event)));
    }

    /** True when the event is about the CHILD_SA {@code child} of connection {@code conn}. */
    public boolean concerns(String conn, String child) {
        return ikeSas.stream().filter(ike -> ike.name().equals(conn))
                .anyMatch(ike -> ike.children().stream().anyMatch(c -> c.name().equals(child)));
    }

    /** The connections (IKE_SA config names) the event is about. */
    public List<String> connections() {
        return ikeSas.stream().map(ViciIkeSa::name).toList();
    }
}
