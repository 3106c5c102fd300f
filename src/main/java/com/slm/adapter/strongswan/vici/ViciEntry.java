package com.slm.adapter.strongswan.vici;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One named element of a {@link ViciMessage}: a key/value, a list of items, or a sub-section. Sizes are
 * checked on construction, so a message that exists can always be encoded (except for the total size).
 */
public sealed interface ViciEntry permits ViciEntry.KeyValue, ViciEntry.ItemList, ViciEntry.Section {

    String name();

    /** Keys whose values toString never shows, whether or not they were marked secret. */
    Set<String> SENSITIVE_KEYS = Set.of("data", "secret", "secrets", "psk", "password", "passphrase");

    /** A key with a raw value. {@code secret} values are redacted from {@code toString}. */
    final class KeyValue implements ViciEntry {
        private final String name;
        private final byte[] value;
        private final boolean secret;

        public KeyValue(String name, byte[] value, boolean secret) {
            this.name = checkName(name);
            Objects.requireNonNull(value, () -> "value of key '" + name + "' is null");
            checkValueLength("value of key '" + name + "'", value.length);
            this.value = value.clone();
            this.secret = secret;
        }

        @Override
        public String name() {
            return name;
        }

        public byte[] value() {
            return value.clone();
        }

        /** The value as UTF-8 text (charon sends all values as strings). */
        public String text() {
            return new String(value, StandardCharsets.UTF_8);
        }

        public boolean secret() {
            return secret;
        }

        int length() {
            return value.length;
        }

        byte[] rawValue() {
            return value;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof KeyValue other && name.equals(other.name) && Arrays.equals(value, other.value)
                    && secret == other.secret;
        }

        @Override
        public int hashCode() {
            return 31 * name.hashCode() + Arrays.hashCode(value);
        }

        /**
         * Redacts values marked secret and, as a second line of defence, values of keys that carry credentials in
         * VICI ({@code data} of load-shared/load-key/load-cert ...), e.g. in a message decoded from the wire.
         */
        @Override
        public String toString() {
            boolean hide = secret || SENSITIVE_KEYS.contains(name.toLowerCase(Locale.ROOT));
            return name + " = " + (hide ? "<redacted " + value.length + " bytes>" : printable(value));
        }
    }

    /** A named list of raw items. Lists hold items only, never sections or other lists. */
    final class ItemList implements ViciEntry {
        private final String name;
        private final List<byte[]> items;

        public ItemList(String name, List<byte[]> items) {
            this.name = checkName(name);
            Objects.requireNonNull(items, () -> "items of list '" + name + "' are null");
            List<byte[]> copy = new ArrayList<>(items.size());
            for (byte[] item : items) {
                Objects.requireNonNull(item, () -> "an item of list '" + name + "' is null");
                checkValueLength("an item of list '" + name + "'", item.length);
                copy.add(item.clone());
            }
            this.items = copy;
        }

        @Override
        public String name() {
            return name;
        }

        public List<byte[]> items() {
            return items.stream().map(byte[]::clone).toList();
        }

        /** The items as UTF-8 text. */
        public List<String> texts() {
            return items.stream().map(i -> new String(i, StandardCharsets.UTF_8)).toList();
        }

        List<byte[]> rawItems() {
            return items;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof ItemList other) || !name.equals(other.name) || items.size() != other.items.size()) {
                return false;
            }
            for (int i = 0; i < items.size(); i++) {
                if (!Arrays.equals(items.get(i), other.items.get(i))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return 31 * name.hashCode() + items.size();
        }

        @Override
        public String toString() {
            return name + " = " + items.stream().map(ViciEntry::printable).toList();
        }
    }

    /** A named sub-section. */
    record Section(String name, ViciMessage content) implements ViciEntry {
        public Section {
            checkName(name);
            Objects.requireNonNull(content, () -> "content of section '" + name + "' is null");
        }

        @Override
        public String toString() {
            return name + " = " + content;
        }
    }

    private static String checkName(String name) {
        Objects.requireNonNull(name, "a VICI name or key is null");
        int length = name.getBytes(StandardCharsets.UTF_8).length;
        if (length > ViciLimits.MAX_NAME_BYTES) {
            throw new ViciEncodingException("VICI name '" + abbreviate(name) + "' is " + length
                    + " bytes; names carry an 8-bit length, at most " + ViciLimits.MAX_NAME_BYTES);
        }
        return name;
    }

    private static void checkValueLength(String what, int length) {
        if (length > ViciLimits.MAX_VALUE_BYTES) {
            // Never include the value itself: it may be a key or a password.
            throw new ViciEncodingException(what + " is " + length + " bytes; values carry a 16-bit length, at most "
                    + ViciLimits.MAX_VALUE_BYTES);
        }
    }

    private static String abbreviate(String name) {
        return name.length() <= 40 ? name : name.substring(0, 40) + "...";
    }

    /** Text when the bytes are printable UTF-8 text, else a length marker, so binary data stays readable in logs. */
    private static String printable(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        boolean readable = text.codePoints().allMatch(c -> c >= 0x20 && c != 0x7F && c != 0xFFFD);
        return readable ? text : "<binary " + bytes.length + " bytes>";
    }
}
