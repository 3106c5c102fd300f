package com.slm.adapter;

import com.slm.port.PortException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A named host is reached through its configured prefix; no name is this machine; an unknown name is refused. */
class CommandsTest {
    private final Commands commands = new Commands(Duration.ofSeconds(5),
            Map.of("gw-a", List.of("env", "SLM_VIA=gw-a")));

    @Test
    void aNamedHostRunsThroughItsPrefixAndNoNameRunsHere() {
        assertThat(commands.run("gw-a", "sh", "-c", "echo \"$SLM_VIA\"")).isEqualTo("gw-a\n");
        assertThat(commands.run(null, "sh", "-c", "echo \"${SLM_VIA:-here}\"")).isEqualTo("here\n");
        assertThat(commands.run("", "echo", "here")).isEqualTo("here\n");
    }

    @Test
    void anUnknownHostIsRefusedWithoutRunningAnything() {
        assertThatThrownBy(() -> commands.run("gw-b", "touch", "/tmp/slm-should-not-exist"))
                .isInstanceOf(PortException.class).hasMessageContaining("host 'gw-b'").hasMessageContaining("slm.linux.hosts.gw-b");
    }

    @Test
    void aFailureNamesTheCommandAndWhatItPrinted() {
        assertThatThrownBy(() -> commands.run("gw-a", "sh", "-c", "echo broken >&2; exit 3"))
                .isInstanceOf(PortException.class).hasMessageContaining("exit 3").hasMessageContaining("broken")
                .hasMessageContaining("env SLM_VIA=gw-a sh -c");
    }
}
