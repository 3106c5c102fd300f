package com.slm.adapter.strongswan.vici;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where charon's vici plugin listens, in strongSwan's own URI notation: {@code unix:///run/charon.vici}
 * or {@code tcp://127.0.0.1:4502}.
 */
public record ViciEndpoint(String uri, SocketAddress address, StandardProtocolFamily family) {

    public ViciEndpoint {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(family, "family");
    }

    public static ViciEndpoint unix(Path socket) {
        return new ViciEndpoint("unix://" + socket.toAbsolutePath(), UnixDomainSocketAddress.of(socket),
                StandardProtocolFamily.UNIX);
    }

    public static ViciEndpoint tcp(String host, int port) {
        return new ViciEndpoint("tcp://" + host + ":" + port, new InetSocketAddress(host, port),
                host.contains(":") ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
    }

    public static ViciEndpoint parse(String uri) {
        Objects.requireNonNull(uri, "vici URI is null");
        if (uri.startsWith("unix://")) {
            String path = uri.substring("unix://".length());
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("vici URI '" + uri + "' needs an absolute socket path (unix:///path)");
            }
            return unix(Path.of(path));
        }
        if (uri.startsWith("tcp://")) {
            URI parsed = URI.create(uri);
            if (parsed.getHost() == null || parsed.getPort() < 1) {
                throw new IllegalArgumentException("vici URI '" + uri + "' needs a host and a port (tcp://host:port)");
            }
            return tcp(parsed.getHost().replace("[", "").replace("]", ""), parsed.getPort());
        }
        throw new IllegalArgumentException("vici URI '" + uri + "' is neither unix:///path nor tcp://host:port");
    }

    @Override
    public String toString() {
        return uri;
    }
}
