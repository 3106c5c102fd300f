package com.slm.application;

import java.util.List;

/**
 * How blocks 360-365 treat non-managed connections ({@code slm.connections}).
 *
 * @param tlsPorts            ports whose sessions are TLS-protected (secure even without an SA)
 * @param extendPolicyToPeers whether block 365 may widen the VM's IPsec policy to a peer outside the secure
 *                            subnets; when false, such a peer cannot be secured and the step stops with an
 *                            incident while the VM's links are still down
 */
public record ConnectionRules(List<Integer> tlsPorts, boolean extendPolicyToPeers) {
    public ConnectionRules {
        tlsPorts = List.copyOf(tlsPorts);
    }

    /** Whether a session on these ports is TLS-protected. */
    public boolean tlsProtected(int localPort, int remotePort) {
        return tlsPorts.contains(localPort) || tlsPorts.contains(remotePort);
    }
}
