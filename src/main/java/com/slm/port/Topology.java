package com.slm.port;

import com.slm.domain.HostEndpoints;
import com.slm.domain.HostRef;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

/**
 * The world the product may act on: the virtualized environments (the secure one and the possible targets), their
 * subnets and hypervisor hosts, and the VMs it may migrate with the addresses their peers know them by. Read-only
 * and answered at once (configuration, no daemon); an unknown name gives an empty answer, never an exception.
 */
public interface Topology {

    /** The environments' names, sorted. */
    SortedSet<String> environments();

    /** Whether the environment is the secure (trusted) one; false for an unknown environment. */
    boolean isTrusted(String environment);

    /** The environment's subnets, as CIDR prefixes. */
    List<String> subnets(String environment);

    /** What must never be reached in clear from a VM that left this (secure) environment: its subnets and beyond. */
    List<String> guardedNetworks(String environment);

    /** Every hypervisor host, in a stable order (environment, then host). */
    List<HostRef> hosts();

    /** The hypervisor hosts of one environment, sorted by name. */
    default List<HostRef> hosts(String environment) {
        return hosts().stream().filter(host -> host.environment().equals(environment)).toList();
    }

    /** How a host is reached, when it is a host of its environment. */
    Optional<HostEndpoints> host(HostRef host);

    /** The address of a VM the product knows. */
    default Optional<String> vmAddress(String vmName) {
        return Optional.ofNullable(vmName == null ? null : vmAddresses().get(vmName));
    }

    /** Every VM the product knows, with its address. */
    Map<String, String> vmAddresses();
}
