package com.slm.domain;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/** IPv4/IPv6 prefix arithmetic for the few questions the process asks ("is this address in that subnet?"). */
public final class Subnets {
    private Subnets() {
    }

    public static Optional<String> containing(String address, List<String> subnets) {
        return subnets.stream().filter(subnet -> contains(subnet, address)).findFirst();
    }

    public static boolean contains(String cidr, String address) {
        String[] parts = cidr.split("/", 2);
        byte[] network = bytes(parts[0]);
        byte[] candidate = bytes(address);
        if (network.length != candidate.length) {
            return false;
        }
        int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((network[bit / 8] & mask) != (candidate[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] bytes(String literal) {
        if (!literal.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("Not an IP address literal: " + literal);
        }
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Not an IP address literal: " + literal, e);
        }
    }
}
