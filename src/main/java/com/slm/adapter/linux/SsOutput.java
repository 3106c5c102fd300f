package com.slm.adapter.linux;

import com.slm.domain.ObservedConnection;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code ss -Htun} lines ("tcp ESTAB 0 0 198.51.100.10:9000 192.0.2.11:40002"): protocol, state, queues,
 * local and peer endpoint. IPv6 endpoints come as {@code [addr]:port}.
 */
final class SsOutput {
    private SsOutput() {
    }

    static List<ObservedConnection> parse(String output) {
        List<ObservedConnection> connections = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 6) {
                continue;
            }
            String protocol = f[0];
            if (!protocol.equals("tcp") && !protocol.equals("udp")) {
                continue;
            }
            String[] local = endpoint(f[4]);
            String[] peer = endpoint(f[5]);
            if (local == null || peer == null) {
                continue;
            }
            connections.add(new ObservedConnection(protocol, local[0], Integer.parseInt(local[1]), peer[0],
                    Integer.parseInt(peer[1]), f[1]));
        }
        return connections;
    }

    /** {@code addr:port} or {@code [v6]:port}, with an optional {@code %iface} scope; null for "*" ports. */
    static String[] endpoint(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            return null;
        }
        String address = text.substring(0, colon).replace("[", "").replace("]", "");
        String port = text.substring(colon + 1);
        int scope = address.indexOf('%');
        if (scope >= 0) {
            address = address.substring(0, scope);
        }
        if (!port.matches("\\d+") || address.equals("*")) {
            return null;
        }
        if (address.startsWith("::ffff:")) {
            address = address.substring(7);
        }
        return new String[]{address, port};
    }
}
