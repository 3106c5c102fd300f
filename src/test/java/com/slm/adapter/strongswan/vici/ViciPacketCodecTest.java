package com.slm.adapter.strongswan.vici;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ViciPacketCodecTest {

    @ParameterizedTest
    @EnumSource(ViciPacketType.class)
    void roundTripsEveryPacketType(ViciPacketType type) {
        ViciMessage message = type.hasMessage ? ViciMessage.builder().add("k", "v").build() : null;
        ViciPacket packet = new ViciPacket(type, type.named ? "name-" + type.code : null, message);

        byte[] wire = ViciPacketCodec.encode(packet);

        assertThat(wire[4]).isEqualTo((byte) type.code);
        assertThat(ViciPacketCodec.decode(Arrays.copyOfRange(wire, 4, wire.length))).isEqualTo(packet);
    }

    @Test
    void prefixesTheBigEndianLengthNotCountingItself() {
        byte[] wire = ViciPacketCodec.encode(ViciPacket.request("version", ViciMessage.empty()));

        assertThat(wire).containsExactly(0, 0, 0, 9, 0, 7, 'v', 'e', 'r', 's', 'i', 'o', 'n');
    }

    @Test
    void encodesLongLengthsBigEndian() {
        ViciMessage big = ViciMessage.builder().add("v", new byte[300]).build();
        byte[] wire = ViciPacketCodec.encode(ViciPacket.response(big));
        int length = wire.length - 4;

        assertThat(wire[2]).isEqualTo((byte) (length >>> 8));
        assertThat(wire[3]).isEqualTo((byte) length);
    }

    @Test
    void refusesToEncodeMoreThanCharonAccepts() {
        ViciMessage.Builder b = ViciMessage.builder();
        for (int i = 0; i < 9; i++) {
            b.add("v" + i, new byte[65535]);
        }
        ViciPacket tooBig = ViciPacket.request("load-conn", b.build());

        assertThatThrownBy(() -> ViciPacketCodec.encode(tooBig))
                .isInstanceOf(ViciEncodingException.class)
                .hasMessageContaining("CMD_REQUEST 'load-conn'").hasMessageContaining("524288");
    }

    @Test
    void rejectsMalformedPackets() {
        assertThatThrownBy(() -> ViciPacketCodec.decode(new byte[0]))
                .isInstanceOf(ViciProtocolException.class).hasMessageContaining("empty VICI packet");
        assertThatThrownBy(() -> ViciPacketCodec.decode(new byte[]{8}))
                .isInstanceOf(ViciProtocolException.class).hasMessageContaining("unknown VICI packet type 8");
        assertThatThrownBy(() -> ViciPacketCodec.decode(new byte[]{0}))
                .isInstanceOf(ViciProtocolException.class).hasMessageContaining("before its name length");
        assertThatThrownBy(() -> ViciPacketCodec.decode(new byte[]{7, 20, 'a'}))
                .isInstanceOf(ViciProtocolException.class).hasMessageContaining("runs past the packet end");
        assertThatThrownBy(() -> ViciPacketCodec.decode(new byte[]{5, 1}))
                .isInstanceOf(ViciProtocolException.class).hasMessageContaining("EVENT_CONFIRM packet has 1 unexpected");
        assertThatThrownBy(() -> ViciPacketCodec.decode(new byte[]{1, 2}))
                .isInstanceOf(ViciProtocolException.class).hasMessageContaining("SECTION_END without an open section");
    }

    @Test
    void checksTheAnnouncedLengthBeforeAllocating() {
        assertThatThrownBy(() -> ViciPacketCodec.checkedLength(new byte[]{0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}))
                .isInstanceOf(ViciProtocolException.class).hasMessageContaining("2147483647");
        assertThatThrownBy(() -> ViciPacketCodec.checkedLength(new byte[]{(byte) 0xFF, 0, 0, 0}))
                .isInstanceOf(ViciProtocolException.class).hasMessageContaining("4278190080");
        assertThatThrownBy(() -> ViciPacketCodec.checkedLength(new byte[]{0, 8, 0, 1}))
                .isInstanceOf(ViciProtocolException.class).hasMessageContaining("at most 524288");
        assertThatThrownBy(() -> ViciPacketCodec.checkedLength(new byte[4]))
                .isInstanceOf(ViciProtocolException.class).hasMessageContaining("length 0");
        assertThat(ViciPacketCodec.checkedLength(new byte[]{0, 8, 0, 0})).isEqualTo(524288);
    }

    @Test
    void packetInvariantsAreChecked() {
        assertThatThrownBy(() -> new ViciPacket(ViciPacketType.EVENT, null, null)).hasMessageContaining("needs a name");
        assertThatThrownBy(() -> new ViciPacket(ViciPacketType.CMD_RESPONSE, "x", null)).hasMessageContaining("carries no name");
        assertThatThrownBy(() -> new ViciPacket(ViciPacketType.EVENT_CONFIRM, null, ViciMessage.builder().add("k", "v").build()))
                .hasMessageContaining("carries no message");
    }

    @Test
    void parsesEndpoints() {
        assertThat(ViciEndpoint.parse("unix:///run/charon.vici").address().toString()).isEqualTo("/run/charon.vici");
        assertThat(ViciEndpoint.parse("tcp://127.0.0.1:4502").uri()).isEqualTo("tcp://127.0.0.1:4502");
        assertThatThrownBy(() -> ViciEndpoint.parse("unix://relative")).hasMessageContaining("absolute");
        assertThatThrownBy(() -> ViciEndpoint.parse("tcp://127.0.0.1")).hasMessageContaining("port");
        assertThatThrownBy(() -> ViciEndpoint.parse("http://x")).hasMessageContaining("neither");
    }
}
