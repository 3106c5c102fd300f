package com.slm.domain;

/**
 * The temporary tunnel of block 340: the secure environment's traffic for a subnet that has moved
 * as a whole is redirected to the target environment until the routing core has learned the new route.
 */
public record SubnetTunnel(String name, String subnet, String secureEnvironment, String targetEnvironment) {
}
