package com.slm.adapter.strongswan;

import com.slm.adapter.strongswan.vici.ViciMessage;
import com.slm.adapter.strongswan.vici.ViciSharedSecret;
import com.slm.port.PortException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one gateway's charon holds of an IKE connection, over VICI: its credentials (read from the configured files,
 * handed over VICI only), the connection with its CHILD_SAs' selectors ({@code load-conn}, which replaces the whole
 * connection, so a change always loads every child the gateway has), and what is loaded now ({@code list-conns}).
 * Loading changes no SA: bringing them up is {@link ChildSaInitiator}'s, closing them {@link ConnectionSas}'s.
 */
final class ConnectionLoader {

    /** A CHILD_SA's traffic selectors, as seen from the gateway that loads it. */
    record Selectors(List<String> localTs, List<String> remoteTs) {
    }

    private final ViciGateways gateways;
    private final StrongswanProperties settings;

    ConnectionLoader(ViciGateways gateways, StrongswanProperties settings) {
        this.gateways = gateways;
        this.settings = settings;
    }

    /** The CHILD_SAs of the connection the gateway has loaded (empty when it has not loaded the connection). */
    Map<String, Selectors> loaded(String environment, String conn) {
        return children(gateways.call(environment, "list " + conn, c -> c.listConns(conn)).get(conn));
    }

    /** Credentials, then the connection with what the gateway has loaded plus (or with new selectors for) one child. */
    void loadWithChild(String environment, String peerEnvironment, String conn, String child, Selectors selectors) {
        loadCredentials(environment, peerEnvironment);
        Map<String, Selectors> children = loaded(environment, conn);
        children.put(child, selectors);
        load(environment, peerEnvironment, conn, children);
    }

    /** Loads the connection with exactly these children (replacing what the gateway had loaded of it). */
    void load(String environment, String peerEnvironment, String conn, Map<String, Selectors> children) {
        StrongswanProperties.Gateway local = gateways.gateway(environment);
        StrongswanProperties.Gateway remote = gateways.gateway(peerEnvironment);
        String auth = hasPsk(local) ? "psk" : "pubkey";
        ViciMessage.Builder childSections = ViciMessage.builder();
        children.forEach((name, selectors) -> childSections.addSection(name, c -> {
            c.add("mode", "tunnel")
                    .addList("local_ts", selectors.localTs())
                    .addList("remote_ts", selectors.remoteTs())
                    .addList("esp_proposals", settings.espProposals())
                    .add("start_action", "none")
                    .add("close_action", "none")
                    .add("dpd_action", "none");
            if (local.updown() != null && !local.updown().isBlank()) {
                c.add("updown", local.updown());
            }
        }));
        ViciMessage settingsOfConn = ViciMessage.builder()
                .add("version", 2)
                .addList("local_addrs", local.address())
                .addList("remote_addrs", remote.address())
                .add("encap", settings.udpEncapsulation())
                .addList("proposals", settings.ikeProposals())
                .addSection("local", l -> l.add("auth", auth).add("id", local.identity()))
                .addSection("remote", r -> r.add("auth", auth).add("id", remote.identity()))
                .addSection("children", childSections.build())
                .build();
        gateways.call(environment, "load " + conn, c -> {
            c.loadConn(conn, settingsOfConn);
            return null;
        });
    }

    /** Unloads the connection, if the gateway has it loaded. */
    void unload(String environment, String conn) {
        gateways.call(environment, "unload " + conn, c -> {
            if (c.getConns().contains(conn)) {
                c.unloadConn(conn);
            }
            return null;
        });
    }

    /** The gateway's own certificate and key, the CA (or the PSK): read from files, handed over VICI only. */
    void loadCredentials(String environment, String peerEnvironment) {
        StrongswanProperties.Gateway gateway = gateways.gateway(environment);
        if (hasPsk(gateway)) {
            byte[] psk = read(gateway.pskFile(), environment).strip().getBytes(StandardCharsets.UTF_8);
            String peer = gateways.gateway(peerEnvironment).identity();
            gateways.call(environment, "load the pre-shared key", c -> {
                c.loadShared(ViciSharedSecret.ike("slm-" + environment + "-" + peerEnvironment, psk, List.of(gateway.identity(), peer)));
                return null;
            });
            return;
        }
        byte[] ca = bytes(gateway.caCertificate(), environment, "ca-certificate");
        byte[] cert = bytes(gateway.certificate(), environment, "certificate");
        byte[] key = bytes(gateway.privateKey(), environment, "private-key");
        gateways.call(environment, "load certificates and key", c -> {
            c.loadCert("X509", "CA", ca);
            c.loadCert("X509", "NONE", cert);
            c.loadKey("any", key);
            return null;
        });
    }

    private static boolean hasPsk(StrongswanProperties.Gateway gateway) {
        return gateway.pskFile() != null && !gateway.pskFile().isBlank();
    }

    private static byte[] bytes(String file, String environment, String setting) {
        if (file == null || file.isBlank()) {
            throw new PortException("slm.strongswan.gateways." + environment + "." + setting + " is not set", false);
        }
        return read(file, environment).getBytes(StandardCharsets.UTF_8);
    }

    private static String read(String file, String environment) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            // the path is named, never the content
            throw new PortException("Cannot read a credential file of gateway " + environment + ": " + file, false, e);
        }
    }

    /** The children of a loaded connection, as list-conns reports them (older charons spell the keys with '_'). */
    static Map<String, Selectors> children(ViciMessage conn) {
        Map<String, Selectors> children = new LinkedHashMap<>();
        if (conn == null) {
            return children;
        }
        conn.section("children").ifPresent(section -> section.sections().forEach((name, c) -> children.put(name,
                new Selectors(first(c, "local-ts", "local_ts"), first(c, "remote-ts", "remote_ts")))));
        return children;
    }

    private static List<String> first(ViciMessage m, String a, String b) {
        List<String> values = m.list(a);
        return values.isEmpty() ? m.list(b) : values;
    }
}
