package com.slm.domain;

/** A transport session of the VM as seen by a host or gateway: no payload, only endpoints and state. */
public record ObservedConnection(
        String protocol,
        String localAddress,
        int localPort,
        String remoteAddress,
        int remotePort,
        String state) {

    public String describe() {
        return protocol + " " + localAddress + ":" + localPort + " -> " + remoteAddress + ":" + remotePort;
    }
}
