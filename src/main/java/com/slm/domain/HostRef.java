package com.slm.domain;

/** A hypervisor host, named by its environment and its host name as configured under {@code slm.environments}. */
public record HostRef(String environment, String host) {
    @Override
    public String toString() {
        return environment + "/" + host;
    }
}
