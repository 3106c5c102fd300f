package com.slm.domain;

import java.util.List;

/**
 * What must never cross the untrusted network in clear once a VM may run at the target: every packet between the
 * moved addresses (the VM's address, or its subnet) and the secure side's networks that is not IPsec-protected is
 * dropped, on the target host and on the secure gateway, by the kernel, whether or not charon is alive.
 *
 * @param name           names the guard on every host (one per migrating VM, e.g. {@code slm-guard-app})
 * @param movedAddresses the VM's address or moved subnet (CIDR or single address)
 * @param secureNetworks the secure environment's subnets and the networks reached through it
 */
public record CleartextGuard(String name, List<String> movedAddresses, List<String> secureNetworks) {
    public CleartextGuard {
        movedAddresses = List.copyOf(movedAddresses);
        secureNetworks = List.copyOf(secureNetworks);
        if (movedAddresses.isEmpty() || secureNetworks.isEmpty()) {
            throw new IllegalArgumentException("a guard needs moved addresses and secure networks");
        }
    }
}
