package com.slm.adapter.strongswan;

import com.slm.adapter.strongswan.vici.FakeCharons;
import com.slm.adapter.strongswan.vici.HungCharon;
import com.slm.adapter.strongswan.vici.ViciClient;
import com.slm.adapter.strongswan.vici.ViciTimeoutException;
import com.slm.port.PortException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The gateways' clients are shared by threads: a call whose client another thread's failure closed meanwhile runs on
 * a fresh client; once the product stops, no call opens a client again. Test doubles: {@link FakeCharons}.
 */
class ViciGatewaysTest {
    @TempDir
    Path dir;

    private FakeCharons charons;
    private ViciGateways gateways;

    @BeforeEach
    void twoGateways() throws Exception {
        charons = new FakeCharons(dir, Duration.ZERO);
        gateways = new ViciGateways(IpsecNode.settings(charons, Files.writeString(dir.resolve("psk"), "Psk-gw-test-only")));
    }

    @AfterEach
    void stop() throws Exception {
        gateways.close();
        charons.close();
    }

    @Test
    void aCallWhoseClientAnotherThreadClosedRunsOnAFreshOne() {
        List<ViciClient> used = new ArrayList<>();
        String version = gateways.call("remote", "version", client -> {
            used.add(client);
            if (used.size() == 1) {
                client.close(); // as another thread's drop does between taking the client and using it
            }
            return client.version().toString();
        });
        assertThat(version).isNotBlank();
        assertThat(used).hasSize(2);
        assertThat(used.get(1)).isNotSameAs(used.get(0));
    }

    /** A hung charon (accepts, never answers) is asked once per call: a second try would only wait as long again. */
    @Test
    void aCallCharonLetTimeOutIsNotRepeated() throws Exception {
        Path hungSocket = dir.resolve("hung.vici");
        try (HungCharon hung = new HungCharon(hungSocket)) {
            ViciGateways shortCalls = new ViciGateways(IpsecNode.withSocket(IpsecNode.settings(charons, dir.resolve("psk")),
                    "remote", hungSocket, Duration.ofMillis(300)));
            try {
                assertThatThrownBy(() -> shortCalls.call("remote", "version", client -> client.version()))
                        .isInstanceOf(PortException.class).hasCauseInstanceOf(ViciTimeoutException.class);
                assertThat(hung.accepted()).as("one connection, one try").isEqualTo(1);
                assertThat(shortCalls.hung("remote")).isTrue();
                assertThat(shortCalls.hung("secure")).isFalse();
            } finally {
                shortCalls.close();
            }
        }
    }

    @Test
    void onceStoppedNoCallOpensAClientAgain() {
        gateways.call("remote", "version", client -> client.version());
        gateways.close();
        assertThatThrownBy(() -> gateways.call("remote", "version", client -> client.version()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
