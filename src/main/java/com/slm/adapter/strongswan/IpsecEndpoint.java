package com.slm.adapter.strongswan;

import java.util.Objects;

/**
 * One IKE gateway as a connection sees it: its address (for {@code local_addrs}/{@code remote_addrs}) and
 * its IKE identity (for the PSK lookup). Sketch input for {@link SwanctlConfig}.
 */
public record IpsecEndpoint(String address, String id) {

    public IpsecEndpoint {
        SwanctlConfig.requireAddress("gateway address", Objects.requireNonNull(address, "gateway address is null"), false);
        if (id == null || id.isBlank()) {
            id = address;
        }
    }

    public static IpsecEndpoint of(String address) {
        return new IpsecEndpoint(address, null);
    }
}
