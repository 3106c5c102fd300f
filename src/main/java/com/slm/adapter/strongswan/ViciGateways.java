package com.slm.adapter.strongswan;

import com.slm.adapter.strongswan.vici.ViciClient;
import com.slm.adapter.strongswan.vici.ViciEndpoint;
import com.slm.adapter.strongswan.vici.ViciException;
import com.slm.port.PortException;
import jakarta.annotation.PreDestroy;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One VICI client per environment's gateway, and the one place where VICI errors become {@link PortException}s
 * that name the gateway (retryable when charon does not answer, not when it refused what was asked).
 */
class ViciGateways {
    private final StrongswanProperties settings;
    private final Map<String, ViciClient> clients = new ConcurrentHashMap<>();

    ViciGateways(StrongswanProperties settings) {
        this.settings = settings;
    }

    StrongswanProperties.Gateway gateway(String environment) {
        StrongswanProperties.Gateway gateway = settings.gateways().get(environment);
        if (gateway == null) {
            throw new PortException("No IPsec gateway configured for environment '" + environment
                    + "' (slm.strongswan.gateways." + environment + ")", false);
        }
        return gateway;
    }

    <T> T call(String environment, String action, Function<ViciClient, T> call) {
        StrongswanProperties.Gateway gateway = gateway(environment);
        ViciClient client = clients.computeIfAbsent(environment, e -> new ViciClient(endpoint(gateway), settings.callTimeout()));
        try {
            return call.apply(client);
        } catch (ViciException e) {
            throw new PortException("charon of " + environment + " (" + gateway.viciSocket() + "): " + action
                    + " failed: " + e.getMessage(), e.isRetryable(), e);
        }
    }

    private static ViciEndpoint endpoint(StrongswanProperties.Gateway gateway) {
        String socket = gateway.viciSocket();
        if (socket == null || socket.isBlank()) {
            throw new PortException("No VICI socket configured for IPsec gateway " + gateway.address(), false);
        }
        return socket.contains("://") ? ViciEndpoint.parse(socket) : ViciEndpoint.unix(Path.of(socket));
    }

    @PreDestroy
    void close() {
        clients.values().forEach(ViciClient::close);
        clients.clear();
    }
}
