package com.slm.adapter.linux;

import com.slm.domain.ObservedConnection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SsOutputTest {

    @Test
    void parsesTcpAndUdpSessionsInBothAddressFamilies() {
        String out = """
                tcp   ESTAB 0      0      198.51.100.10:9000  192.0.2.11:40002
                tcp   LISTEN 0     128    0.0.0.0:9000        0.0.0.0:*
                udp   ESTAB 0      0      [2001:db8::1]:53    [2001:db8::2]:5353
                tcp   ESTAB 0      0      [::ffff:192.0.2.10]:7000 [::ffff:192.0.2.11]:4711
                garbage
                """;
        assertThat(SsOutput.parse(out)).containsExactly(
                new ObservedConnection("tcp", "198.51.100.10", 9000, "192.0.2.11", 40002, "ESTAB"),
                new ObservedConnection("udp", "2001:db8::1", 53, "2001:db8::2", 5353, "ESTAB"),
                new ObservedConnection("tcp", "192.0.2.10", 7000, "192.0.2.11", 4711, "ESTAB"));
    }

    @Test
    void ignoresEndpointsWithoutPorts() {
        assertThat(SsOutput.endpoint("0.0.0.0:*")).isNull();
        assertThat(SsOutput.endpoint("fe80::1%eth0:22")).containsExactly("fe80::1", "22");
    }
}
