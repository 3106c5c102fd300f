package com.slm.adapter.strongswan.vici;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An immutable VICI message (or section): an ordered sequence of key/values, lists and sub-sections.
 * Order is kept because charon gives it meaning (e.g. the order of auth rounds and proposals).
 * Built messages have unique names per section (the protocol requires it); decoded messages keep whatever
 * charon sent and lookups return the first match. {@link #toString()} redacts secret values.
 */
public final class ViciMessage {
    private static final ViciMessage EMPTY = new ViciMessage(List.of());

    private final List<ViciEntry> entries;

    private ViciMessage(List<ViciEntry> entries) {
        this.entries = Collections.unmodifiableList(entries);
    }

    /** For the decoder: takes the entries as received, duplicates included. */
    static ViciMessage ofReceived(List<ViciEntry> entries) {
        return entries.isEmpty() ? EMPTY : new ViciMessage(new ArrayList<>(entries));
    }

    public static ViciMessage empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<ViciEntry> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public Optional<ViciEntry> entry(String name) {
        for (ViciEntry e : entries) {
            if (e.name().equals(name)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    public boolean has(String name) {
        return entry(name).isPresent();
    }

    /** The value of a key as text; empty when absent or when the name is a list or section. */
    public Optional<String> value(String key) {
        return entry(key).filter(ViciEntry.KeyValue.class::isInstance).map(e -> ((ViciEntry.KeyValue) e).text());
    }

    public String valueOr(String key, String fallback) {
        return value(key).orElse(fallback);
    }

    /** The raw value of a key; empty when absent or not a key/value. */
    public Optional<byte[]> bytes(String key) {
        return entry(key).filter(ViciEntry.KeyValue.class::isInstance).map(e -> ((ViciEntry.KeyValue) e).value());
    }

    /** The items of a list as text; empty when absent. */
    public List<String> list(String key) {
        return entry(key).filter(ViciEntry.ItemList.class::isInstance)
                .map(e -> ((ViciEntry.ItemList) e).texts()).orElse(List.of());
    }

    public Optional<ViciMessage> section(String key) {
        return entry(key).filter(ViciEntry.Section.class::isInstance).map(e -> ((ViciEntry.Section) e).content());
    }

    /** All sub-sections by name, in order (first one wins for duplicate names). */
    public Map<String, ViciMessage> sections() {
        Map<String, ViciMessage> result = new LinkedHashMap<>();
        for (ViciEntry e : entries) {
            if (e instanceof ViciEntry.Section s) {
                result.putIfAbsent(s.name(), s.content());
            }
        }
        return Collections.unmodifiableMap(result);
    }

    /** Follows sub-sections by name; the last name is a key. {@code find("a", "b", "key")}. */
    public Optional<String> find(String... path) {
        ViciMessage current = this;
        for (int i = 0; i < path.length - 1; i++) {
            Optional<ViciMessage> next = current.section(path[i]);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            current = next.get();
        }
        return path.length == 0 ? Optional.empty() : current.value(path[path.length - 1]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ViciMessage other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < entries.size(); i++) {
            sb.append(i == 0 ? " " : ", ").append(entries.get(i));
        }
        return sb.append(entries.isEmpty() ? "}" : " }").toString();
    }

    /**
     * Builds a message in order. Rejects duplicate names in a section and oversized names/values at once,
     * with the offending name in the message and never the value.
     */
    public static final class Builder {
        private final List<ViciEntry> entries = new ArrayList<>();
        private final Set<String> names = new HashSet<>();

        private Builder() {
        }

        public Builder add(String key, String value) {
            Objects.requireNonNull(value, () -> "value of key '" + key + "' is null");
            return put(new ViciEntry.KeyValue(key, value.getBytes(StandardCharsets.UTF_8), false));
        }

        public Builder add(String key, long value) {
            return add(key, Long.toString(value));
        }

        /** VICI booleans are the strings {@code yes} and {@code no}. */
        public Builder add(String key, boolean value) {
            return add(key, value ? "yes" : "no");
        }

        public Builder add(String key, byte[] value) {
            return put(new ViciEntry.KeyValue(key, value, false));
        }

        /** A value that must never be shown: it is redacted from toString and from every exception. */
        public Builder addSecret(String key, byte[] value) {
            return put(new ViciEntry.KeyValue(key, value, true));
        }

        public Builder addList(String key, List<String> items) {
            Objects.requireNonNull(items, () -> "items of list '" + key + "' are null");
            return put(new ViciEntry.ItemList(key, items.stream()
                    .map(i -> Objects.requireNonNull(i, () -> "an item of list '" + key + "' is null")
                            .getBytes(StandardCharsets.UTF_8))
                    .toList()));
        }

        public Builder addList(String key, String... items) {
            return addList(key, Arrays.asList(items));
        }

        public Builder addBinaryList(String key, List<byte[]> items) {
            return put(new ViciEntry.ItemList(key, items));
        }

        public Builder addSection(String key, ViciMessage content) {
            return put(new ViciEntry.Section(key, content));
        }

        public Builder addSection(String key, Consumer<Builder> content) {
            Builder inner = new Builder();
            content.accept(inner);
            return addSection(key, inner.build());
        }

        /** Adds an entry already built, e.g. copied from another message. */
        public Builder put(ViciEntry entry) {
            Objects.requireNonNull(entry, "entry is null");
            if (!names.add(entry.name())) {
                throw new IllegalArgumentException("duplicate VICI key '" + entry.name()
                        + "' in one section; VICI needs unique names, use a list for several values");
            }
            entries.add(entry);
            return this;
        }

        public ViciMessage build() {
            return entries.isEmpty() ? EMPTY : new ViciMessage(new ArrayList<>(entries));
        }
    }
}
