package com.slm.domain;

/**
 * How the product and the other site reach one hypervisor host.
 *
 * @param libvirtUri   how the product connects to this host's libvirtd
 * @param peerUri      how the other site's libvirtd reaches this one for a peer-to-peer migration
 *                     (defaults to {@code libvirtUri})
 * @param migrationUri where QEMU's migration stream goes ({@code tls://...} or {@code tcp://...}); always
 *                     explicit, or the target advertises a host name that resolves to itself
 */
public record HostEndpoints(String libvirtUri, String peerUri, String migrationUri) {
    public HostEndpoints {
        if (peerUri == null || peerUri.isBlank()) {
            peerUri = libvirtUri;
        }
    }
}
