package com.slm.adapter.strongswan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slm.adapter.linux.Commands;
import com.slm.domain.Subnets;
import com.slm.port.PortException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * kernel-libipsec's quirk, handled where it arises: it installs a CHILD_SA only when the gateway owns an
 * address inside the local traffic selector (it needs one as the route's source). For a selector the gateway
 * does not own (a moved VM's /32 at the target, a peer's /32 at the secure site), an address of it is lent to
 * {@code lo} for the time the SA comes up, and taken back right after. With kernel ESP this is never needed.
 */
class LibipsecSourceAddresses {
    private final Commands commands;
    private final ObjectMapper json = new ObjectMapper();

    LibipsecSourceAddresses(Commands commands) {
        this.commands = commands;
    }

    /** Lends what the gateway lacks; returns what was lent, to give back with {@link #giveBack}. */
    List<String> lend(StrongswanProperties.Gateway gateway, List<String> localTs) {
        List<String> lent = new ArrayList<>();
        if (!gateway.libipsec()) {
            return lent;
        }
        List<String> owned = addresses(gateway.namespace());
        for (String ts : localTs) {
            if (owned.stream().anyMatch(a -> Subnets.contains(ts, a))) {
                continue;
            }
            String address = ts.substring(0, ts.indexOf('/') < 0 ? ts.length() : ts.indexOf('/'));
            commands.run(gateway.namespace(), "ip", "addr", "add", address + (address.contains(":") ? "/128" : "/32"), "dev", "lo");
            lent.add(address);
        }
        return lent;
    }

    void giveBack(StrongswanProperties.Gateway gateway, List<String> lent) {
        for (String address : lent) {
            try {
                commands.run(gateway.namespace(), "ip", "addr", "del", address + (address.contains(":") ? "/128" : "/32"), "dev", "lo");
            } catch (PortException ignored) {
                // already gone
            }
        }
    }

    private List<String> addresses(String namespace) {
        List<String> owned = new ArrayList<>();
        try {
            for (JsonNode link : json.readTree(commands.run(namespace, "ip", "-j", "addr", "show"))) {
                for (JsonNode info : link.path("addr_info")) {
                    owned.add(info.path("local").asText());
                }
            }
        } catch (IOException e) {
            throw new PortException("ip -j addr in " + namespace + " printed no JSON", true, e);
        }
        return owned;
    }
}
