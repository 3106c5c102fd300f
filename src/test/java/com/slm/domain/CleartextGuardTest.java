package com.slm.domain;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A fail-closed guard always names what it protects and from whom; what it was built with cannot change under it. */
class CleartextGuardTest {

    @Test
    void aGuardWithoutMovedAddressesOrSecureNetworksIsRefused() {
        assertThatThrownBy(() -> new CleartextGuard("slm-guard-app", List.of(), List.of("192.0.2.0/24")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("moved addresses and secure networks");
        assertThatThrownBy(() -> new CleartextGuard("slm-guard-app", List.of("192.0.2.11"), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void itKeepsItsOwnCopyOfTheAddresses() {
        List<String> moved = new ArrayList<>(List.of("192.0.2.11"));
        List<String> secure = new ArrayList<>(List.of("192.0.2.0/24", "198.51.100.0/24"));
        CleartextGuard guard = new CleartextGuard("slm-guard-app", moved, secure);
        moved.add("192.0.2.12");
        secure.clear();
        assertThat(guard.movedAddresses()).containsExactly("192.0.2.11");
        assertThat(guard.secureNetworks()).containsExactly("192.0.2.0/24", "198.51.100.0/24");
        assertThatThrownBy(() -> guard.movedAddresses().add("0.0.0.0/0")).isInstanceOf(UnsupportedOperationException.class);
    }
}
