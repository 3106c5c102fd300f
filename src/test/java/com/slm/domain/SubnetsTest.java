package com.slm.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubnetsTest {

    @Test
    void ipv4PrefixesCompareOnlyTheNetworkBits() {
        assertThat(Subnets.contains("192.0.2.64/26", "192.0.2.64")).isTrue();
        assertThat(Subnets.contains("192.0.2.64/26", "192.0.2.127")).isTrue();
        assertThat(Subnets.contains("192.0.2.64/26", "192.0.2.128")).isFalse();
        assertThat(Subnets.contains("192.0.2.64/26", "192.0.2.63")).isFalse();
        assertThat(Subnets.contains("10.0.0.0/9", "10.127.255.255")).as("prefix not on a byte boundary").isTrue();
        assertThat(Subnets.contains("10.0.0.0/9", "10.128.0.0")).isFalse();
        assertThat(Subnets.contains("0.0.0.0/0", "203.0.113.9")).isTrue();
    }

    @Test
    void anAddressWithoutPrefixIsAHostRoute() {
        assertThat(Subnets.contains("192.0.2.11", "192.0.2.11")).isTrue();
        assertThat(Subnets.contains("192.0.2.11", "192.0.2.12")).isFalse();
        assertThat(Subnets.contains("192.0.2.11/32", "192.0.2.11")).isTrue();
    }

    @Test
    void ipv6WorksAndNeverMatchesIpv4() {
        assertThat(Subnets.contains("2001:db8:1::/64", "2001:db8:1::20")).isTrue();
        assertThat(Subnets.contains("2001:db8:1::/64", "2001:db8:2::20")).isFalse();
        assertThat(Subnets.contains("2001:db8::/32", "192.0.2.1")).isFalse();
        assertThat(Subnets.contains("192.0.2.0/24", "2001:db8::1")).isFalse();
    }

    @Test
    void containingReturnsTheFirstMatchingSubnet() {
        List<String> subnets = List.of("192.0.2.0/26", "192.0.2.64/26", "192.0.2.0/24");
        assertThat(Subnets.containing("192.0.2.70", subnets)).contains("192.0.2.64/26");
        assertThat(Subnets.containing("192.0.2.200", subnets)).contains("192.0.2.0/24");
        assertThat(Subnets.containing("198.51.100.1", subnets)).isEmpty();
        assertThat(Subnets.containing("192.0.2.1", List.of())).isEmpty();
    }

    @Test
    void hostNamesAreRefusedWithoutALookup() {
        assertThatThrownBy(() -> Subnets.contains("192.0.2.0/24", "db.example"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Not an IP address literal: db.example");
        assertThatThrownBy(() -> Subnets.contains("localhost/8", "127.0.0.1"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
