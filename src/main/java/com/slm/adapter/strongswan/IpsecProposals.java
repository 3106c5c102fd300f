package com.slm.adapter.strongswan;

import java.util.List;

/**
 * Algorithms and encapsulation of a generated connection. {@link #LIBIPSEC} is what works with
 * kernel-libipsec (no AES-GCM, UDP encapsulation because the kernel has no ESP).
 */
public record IpsecProposals(List<String> ike, List<String> esp, boolean encap) {

    public static final IpsecProposals LIBIPSEC =
            new IpsecProposals(List.of("aes256-sha256-modp2048"), List.of("aes256-sha256"), true);

    public IpsecProposals {
        ike = List.copyOf(ike);
        esp = List.copyOf(esp);
        if (ike.isEmpty() || esp.isEmpty()) {
            throw new IllegalArgumentException("IKE and ESP proposals must not be empty");
        }
    }
}
