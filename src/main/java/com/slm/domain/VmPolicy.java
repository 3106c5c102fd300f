package com.slm.domain;

import java.util.List;

/**
 * The IPsec policy of block 345 (the patent's policies 270A and 270B): traffic between the moved VM's
 * address and the secure environment's subnets travels only through an IPsec SA between the two sites.
 */
public record VmPolicy(
        String name,
        String vmAddress,
        List<String> secureSubnets,
        String secureEnvironment,
        String targetEnvironment) {
}
