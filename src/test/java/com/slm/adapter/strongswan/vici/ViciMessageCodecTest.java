package com.slm.adapter.strongswan.vici;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ViciMessageCodecTest {

    /** The encoding example of strongSwan's vici README, byte for byte. */
    @Test
    void encodesTheReadmeExampleExactly() {
        ViciMessage message = ViciMessage.builder()
                .add("key1", "value1")
                .addSection("section1", s -> s
                        .addSection("sub-section", sub -> sub.add("key2", "value2"))
                        .addList("list1", "item1", "item2"))
                .build();

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(new byte[]{3, 4, 'k', 'e', 'y', '1', 0, 6, 'v', 'a', 'l', 'u', 'e', '1'});
        expected.writeBytes(new byte[]{1, 8, 's', 'e', 'c', 't', 'i', 'o', 'n', '1'});
        expected.writeBytes(new byte[]{1, 11, 's', 'u', 'b', '-', 's', 'e', 'c', 't', 'i', 'o', 'n'});
        expected.writeBytes(new byte[]{3, 4, 'k', 'e', 'y', '2', 0, 6, 'v', 'a', 'l', 'u', 'e', '2'});
        expected.writeBytes(new byte[]{2});
        expected.writeBytes(new byte[]{4, 5, 'l', 'i', 's', 't', '1'});
        expected.writeBytes(new byte[]{5, 0, 5, 'i', 't', 'e', 'm', '1'});
        expected.writeBytes(new byte[]{5, 0, 5, 'i', 't', 'e', 'm', '2'});
        expected.writeBytes(new byte[]{6, 2});

        byte[] encoded = ViciMessageCodec.encode(message);
        assertThat(encoded).isEqualTo(expected.toByteArray());
        assertThat(ViciMessageCodec.decode(encoded)).isEqualTo(message);
    }

    @Test
    void roundTripsEveryElementTypeAndKeepsOrder() {
        ViciMessage message = ViciMessage.builder()
                .add("z-first", "1")
                .addList("list", List.of("a", "b", "c"))
                .addSection("sec", s -> s.add("inner", "x").addList("empty-list", List.of())
                        .addSection("deeper", d -> d.addSection("deepest", e -> e.add("k", "v"))))
                .add("a-last", true)
                .build();

        ViciMessage decoded = ViciMessageCodec.decode(ViciMessageCodec.encode(message));

        assertThat(decoded).isEqualTo(message);
        assertThat(decoded.entries()).extracting(ViciEntry::name).containsExactly("z-first", "list", "sec", "a-last");
        assertThat(decoded.list("list")).containsExactly("a", "b", "c");
        assertThat(decoded.section("sec").orElseThrow().list("empty-list")).isEmpty();
        assertThat(decoded.section("sec").orElseThrow().has("empty-list")).isTrue();
        assertThat(decoded.find("sec", "deeper", "deepest", "k")).contains("v");
        assertThat(decoded.value("a-last")).contains("yes");
    }

    @Test
    void roundTripsEmptyMessagesSectionsAndValues() {
        ViciMessage message = ViciMessage.builder()
                .add("empty", "")
                .addSection("empty-section", ViciMessage.empty())
                .addList("list-with-empty-item", "")
                .build();

        ViciMessage decoded = ViciMessageCodec.decode(ViciMessageCodec.encode(message));

        assertThat(decoded).isEqualTo(message);
        assertThat(decoded.value("empty")).contains("");
        assertThat(decoded.section("empty-section").orElseThrow().isEmpty()).isTrue();
        assertThat(decoded.list("list-with-empty-item")).containsExactly("");
        assertThat(ViciMessageCodec.encode(ViciMessage.empty())).isEmpty();
        assertThat(ViciMessageCodec.decode(new byte[0]).isEmpty()).isTrue();
    }

    @Test
    void roundTripsBinaryValuesAndItems() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        ViciMessage message = ViciMessage.builder().add("blob", all)
                .addBinaryList("blobs", List.of(all, new byte[]{0})).build();

        ViciMessage decoded = ViciMessageCodec.decode(ViciMessageCodec.encode(message));

        assertThat(decoded.bytes("blob")).hasValueSatisfying(b -> assertThat(b).isEqualTo(all));
        ViciEntry.ItemList list = (ViciEntry.ItemList) decoded.entry("blobs").orElseThrow();
        assertThat(list.items()).hasSize(2);
        assertThat(list.items().get(0)).isEqualTo(all);
        assertThat(decoded.toString()).contains("<binary 256 bytes>");
    }

    @Test
    void acceptsTheMaximumLengths() {
        String longestName = "n".repeat(255);
        byte[] longestValue = new byte[65535];
        longestValue[65534] = 42;
        ViciMessage message = ViciMessage.builder()
                .add(longestName, longestValue)
                .addBinaryList("l", List.of(longestValue))
                .addSection("s" + "n".repeat(254), s -> s.add(longestName, "v"))
                .build();

        ViciMessage decoded = ViciMessageCodec.decode(ViciMessageCodec.encode(message));

        assertThat(decoded).isEqualTo(message);
        assertThat(decoded.bytes(longestName).orElseThrow()).hasSize(65535);
    }

    @Test
    void refusesOversizedNamesAndValuesWithoutShowingTheValue() {
        byte[] tooLong = new byte[65536];
        java.util.Arrays.fill(tooLong, (byte) 'S');
        String tooLongText = new String(tooLong, StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> ViciMessage.builder().add("n".repeat(256), "v"))
                .isInstanceOf(ViciEncodingException.class).hasMessageContaining("256 bytes").hasMessageContaining("255");
        assertThatThrownBy(() -> ViciMessage.builder().add("data", tooLong))
                .isInstanceOf(ViciEncodingException.class)
                .hasMessageContaining("'data'").hasMessageContaining("65536 bytes")
                .hasMessageNotContaining("SSSS");
        assertThatThrownBy(() -> ViciMessage.builder().addSecret("data", tooLong))
                .isInstanceOf(ViciEncodingException.class).hasMessageNotContaining("SSSS");
        assertThatThrownBy(() -> ViciMessage.builder().addList("owners", List.of("ok", tooLongText)))
                .isInstanceOf(ViciEncodingException.class).hasMessageContaining("list 'owners'")
                .hasMessageNotContaining("SSSS");
        assertThatThrownBy(() -> ViciMessage.builder().addSection("s".repeat(300), ViciMessage.empty()))
                .isInstanceOf(ViciEncodingException.class);
    }

    @Test
    void refusesDuplicateNamesInOneSection() {
        assertThatThrownBy(() -> ViciMessage.builder().add("k", "1").addList("k", "2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate VICI key 'k'");
        // the same name in different sections is fine
        ViciMessage ok = ViciMessage.builder().add("k", "1").addSection("s", s -> s.add("k", "2")).build();
        assertThat(ok.find("s", "k")).contains("2");
    }

    @Test
    void messageIsImmutable() {
        byte[] value = {1, 2, 3};
        ViciMessage message = ViciMessage.builder().add("k", value).build();
        value[0] = 9;
        message.bytes("k").orElseThrow()[1] = 9;

        assertThat(message.bytes("k").orElseThrow()).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> message.entries().add(new ViciEntry.KeyValue("x", new byte[0], false)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void lookupsOfTheWrongKindAreEmpty() {
        ViciMessage message = ViciMessage.builder().add("k", "v").addList("l", "i").addSection("s", ViciMessage.empty()).build();

        assertThat(message.value("l")).isEmpty();
        assertThat(message.value("s")).isEmpty();
        assertThat(message.list("k")).isEmpty();
        assertThat(message.section("k")).isEmpty();
        assertThat(message.value("missing")).isEmpty();
        assertThat(message.valueOr("missing", "fallback")).isEqualTo("fallback");
        assertThat(message.find("s", "nope")).isEmpty();
        assertThat(message.find("k", "nope")).isEmpty();
    }

    @Test
    void secretValuesAreRedactedFromToString() {
        ViciMessage message = ViciMessage.builder().add("id", "psk-1")
                .addSecret("data", "TopSecretPsk".getBytes(StandardCharsets.UTF_8)).build();

        assertThat(message.toString()).contains("psk-1").contains("<redacted 12 bytes>").doesNotContain("TopSecretPsk");
        assertThat(ViciPacket.request("load-shared", message).toString()).doesNotContain("TopSecretPsk");
        // decoded from the wire the secret mark is gone, but credential keys are still redacted
        ViciMessage decoded = ViciMessageCodec.decode(ViciMessageCodec.encode(message));
        assertThat(decoded.toString()).contains("data = <redacted 12 bytes>").doesNotContain("TopSecretPsk");
    }

    // ----------------------------------------------------------------- malformed input

    @Test
    void rejectsAnUnknownElementType() {
        assertMalformed(new byte[]{9}, "unknown element type 9");
        assertMalformed(new byte[]{0}, "unknown element type 0");
    }

    @Test
    void rejectsNameLengthPastTheEnd() {
        assertMalformed(new byte[]{3}, "name length runs past the end");
        assertMalformed(new byte[]{3, 10, 'a', 'b'}, "name of 10 bytes runs past the end");
        assertMalformed(new byte[]{1, 5, 's'}, "name of 5 bytes runs past the end");
    }

    @Test
    void rejectsValueLengthPastTheEnd() {
        assertMalformed(new byte[]{3, 1, 'k', 0}, "value length runs past the end");
        assertMalformed(new byte[]{3, 1, 'k', (byte) 0xFF, (byte) 0xFF, 'v'}, "value of 65535 bytes runs past the end");
        assertMalformed(new byte[]{4, 1, 'l', 5, 0, 9, 'x', 6}, "value of 9 bytes runs past the end");
    }

    @Test
    void rejectsUnbalancedSections() {
        assertMalformed(new byte[]{2}, "SECTION_END without an open section");
        assertMalformed(new byte[]{1, 1, 's', 1, 1, 't', 2}, "1 unclosed section(s), innermost 's'");
        assertMalformed(new byte[]{1, 1, 's', 2, 2}, "SECTION_END without an open section");
    }

    @Test
    void rejectsListItemsOutsideAListAndOtherElementsInsideOne() {
        assertMalformed(new byte[]{5, 0, 1, 'x'}, "LIST_ITEM outside a list");
        assertMalformed(new byte[]{6}, "LIST_END without an open list");
        assertMalformed(new byte[]{4, 1, 'l', 3, 1, 'k', 0, 0, 6}, "KEY_VALUE inside list 'l'");
        assertMalformed(new byte[]{4, 1, 'l', 4, 1, 'm', 6, 6}, "LIST_START inside list 'l'");
        assertMalformed(new byte[]{4, 1, 'l', 1, 1, 's', 2, 6}, "SECTION_START inside list 'l'");
        assertMalformed(new byte[]{1, 1, 's', 4, 1, 'l', 2}, "SECTION_END inside list 'l'");
        assertMalformed(new byte[]{4, 1, 'l', 5, 0, 0}, "ends inside list 'l'");
    }

    @Test
    void rejectsAbsurdNestingWithoutStackOverflow() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 100_000; i++) {
            out.writeBytes(new byte[]{1, 0});
        }
        assertMalformed(out.toByteArray(), "nested deeper than 64");
    }

    @Test
    void decodesWithinBoundsOnly() {
        byte[] encoded = ViciMessageCodec.encode(ViciMessage.builder().add("k", "v").build());
        byte[] padded = new byte[encoded.length + 4];
        System.arraycopy(encoded, 0, padded, 2, encoded.length);
        padded[padded.length - 1] = 9; // garbage after the bounds must not be read

        assertThat(ViciMessageCodec.decode(padded, 2, encoded.length).value("k")).contains("v");
        assertThatThrownBy(() -> ViciMessageCodec.decode(padded, 2, encoded.length - 1))
                .isInstanceOf(ViciProtocolException.class);
    }

    @Test
    void keepsDuplicateNamesThatCharonSends() {
        byte[] twice = {3, 1, 'k', 0, 1, 'a', 3, 1, 'k', 0, 1, 'b'};
        ViciMessage decoded = ViciMessageCodec.decode(twice);
        assertThat(decoded.entries()).hasSize(2);
        assertThat(decoded.value("k")).contains("a");
    }

    private static void assertMalformed(byte[] bytes, String expectedMessagePart) {
        assertThatThrownBy(() -> ViciMessageCodec.decode(bytes))
                .isInstanceOf(ViciProtocolException.class)
                .hasMessageContaining(expectedMessagePart)
                .satisfies(e -> assertThat(((ViciException) e).isRetryable()).isFalse());
    }
}
