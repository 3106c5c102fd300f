package com.slm.adapter.linux;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The guard's local interfaces: exact names only, never the tunnel's, since the rule they make lets traffic pass. */
class GuardSettingsTest {

    @Test
    void localInterfacesAreReadPerEnvironmentAndNoneByDefault() {
        LinuxProperties.Guard guard = guard(Map.of("remote", List.of("br-s1", "br-s2")));
        assertThat(guard.localInterfaces("remote")).containsExactly("br-s1", "br-s2");
        assertThat(guard.localInterfaces("secure")).isEmpty();
        assertThat(new LinuxProperties.Guard(null, "kernel-esp", "ipsec0", null).localInterfaces("remote")).isEmpty();
    }

    @Test
    void aWildcardAQuoteOrTheTunnelIsRefusedWithTheSettingNamed() {
        for (String name : List.of("br-*", "eth0\" accept", "", "a-name-longer-than-15", "ipsec0")) {
            assertThatThrownBy(() -> guard(Map.of("remote", List.of("br-s1", name))))
                    .as(name).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("slm.linux.guard.local-interfaces.remote");
        }
    }

    private static LinuxProperties.Guard guard(Map<String, List<String>> local) {
        return new LinuxProperties.Guard(Map.of(), "tun-interface", "ipsec0", local);
    }
}
