package com.slm.adapter.strongswan.vici;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Encodes and decodes the message part of a VICI packet (the element stream). The decoder reads only
 * inside the given bounds and checks every length before use, so hostile input yields a
 * {@link ViciProtocolException} and never a large allocation or an index error.
 */
public final class ViciMessageCodec {

    private ViciMessageCodec() {
    }

    public static byte[] encode(ViciMessage message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        encodeInto(message, out, 0);
        return out.toByteArray();
    }

    static void encodeInto(ViciMessage message, ByteArrayOutputStream out, int depth) {
        if (depth > ViciLimits.MAX_SECTION_DEPTH) {
            throw new ViciEncodingException("sections nested deeper than " + ViciLimits.MAX_SECTION_DEPTH);
        }
        for (ViciEntry entry : message.entries()) {
            // Java 17: no pattern matching for switch yet, hence the instanceof chain.
            if (entry instanceof ViciEntry.KeyValue kv) {
                out.write(ViciElementType.KEY_VALUE.code);
                writeName(out, kv.name());
                writeValue(out, kv.rawValue());
            } else if (entry instanceof ViciEntry.ItemList list) {
                out.write(ViciElementType.LIST_START.code);
                writeName(out, list.name());
                for (byte[] item : list.rawItems()) {
                    out.write(ViciElementType.LIST_ITEM.code);
                    writeValue(out, item);
                }
                out.write(ViciElementType.LIST_END.code);
            } else if (entry instanceof ViciEntry.Section section) {
                out.write(ViciElementType.SECTION_START.code);
                writeName(out, section.name());
                encodeInto(section.content(), out, depth + 1);
                out.write(ViciElementType.SECTION_END.code);
            }
        }
    }

    static void writeName(ByteArrayOutputStream out, String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > ViciLimits.MAX_NAME_BYTES) {
            throw new ViciEncodingException("VICI name of " + bytes.length + " bytes exceeds " + ViciLimits.MAX_NAME_BYTES);
        }
        out.write(bytes.length);
        out.writeBytes(bytes);
    }

    private static void writeValue(ByteArrayOutputStream out, byte[] value) {
        if (value.length > ViciLimits.MAX_VALUE_BYTES) {
            throw new ViciEncodingException("VICI value of " + value.length + " bytes exceeds " + ViciLimits.MAX_VALUE_BYTES);
        }
        out.write(value.length >>> 8);
        out.write(value.length & 0xFF);
        out.writeBytes(value);
    }

    public static ViciMessage decode(byte[] data) {
        return decode(data, 0, data.length);
    }

    /** Decodes {@code length} bytes from {@code offset}: a whole message, nothing more, nothing less. */
    public static ViciMessage decode(byte[] data, int offset, int length) {
        return new Decoder(data, offset, offset + length).decode();
    }

    /** Iterative (explicit stack) so deep nesting cannot overflow the Java stack. */
    private static final class Decoder {
        private final byte[] data;
        private final int end;
        private int pos;

        private final Deque<OpenSection> sections = new ArrayDeque<>();
        private String openList;
        private List<byte[]> listItems;

        Decoder(byte[] data, int start, int end) {
            if (start < 0 || end > data.length || start > end) {
                throw new IllegalArgumentException("bounds outside the buffer");
            }
            this.data = data;
            this.pos = start;
            this.end = end;
        }

        ViciMessage decode() {
            sections.push(new OpenSection(null));
            while (pos < end) {
                int at = pos;
                int code = data[pos++] & 0xFF;
                ViciElementType type = ViciElementType.of(code);
                if (type == null) {
                    throw error("unknown element type " + code, at);
                }
                if (openList != null && type != ViciElementType.LIST_ITEM && type != ViciElementType.LIST_END) {
                    throw error(type + " inside list '" + openList + "' (only list items may appear)", at);
                }
                switch (type) {
                    case SECTION_START -> {
                        String name = readName(at);
                        if (sections.size() > ViciLimits.MAX_SECTION_DEPTH) {
                            throw error("sections nested deeper than " + ViciLimits.MAX_SECTION_DEPTH, at);
                        }
                        sections.push(new OpenSection(name));
                    }
                    case SECTION_END -> {
                        if (sections.size() == 1) {
                            throw error("SECTION_END without an open section", at);
                        }
                        OpenSection done = sections.pop();
                        sections.peek().entries.add(new ViciEntry.Section(done.name, ViciMessage.ofReceived(done.entries)));
                    }
                    case KEY_VALUE -> {
                        String name = readName(at);
                        sections.peek().entries.add(new ViciEntry.KeyValue(name, readValue(at), false));
                    }
                    case LIST_START -> {
                        openList = readName(at);
                        listItems = new ArrayList<>();
                    }
                    case LIST_ITEM -> {
                        if (openList == null) {
                            throw error("LIST_ITEM outside a list", at);
                        }
                        listItems.add(readValue(at));
                    }
                    case LIST_END -> {
                        if (openList == null) {
                            throw error("LIST_END without an open list", at);
                        }
                        sections.peek().entries.add(new ViciEntry.ItemList(openList, listItems));
                        openList = null;
                        listItems = null;
                    }
                }
            }
            if (openList != null) {
                throw new ViciProtocolException("VICI message ends inside list '" + openList + "'");
            }
            if (sections.size() > 1) {
                throw new ViciProtocolException("VICI message ends with " + (sections.size() - 1)
                        + " unclosed section(s), innermost '" + sections.peek().name + "'");
            }
            return ViciMessage.ofReceived(sections.pop().entries);
        }

        private String readName(int elementAt) {
            need(1, elementAt, "name length");
            int length = data[pos++] & 0xFF;
            need(length, elementAt, "name of " + length + " bytes");
            String name = new String(data, pos, length, StandardCharsets.UTF_8);
            pos += length;
            return name;
        }

        private byte[] readValue(int elementAt) {
            need(2, elementAt, "value length");
            int length = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
            pos += 2;
            need(length, elementAt, "value of " + length + " bytes");
            byte[] value = new byte[length];
            System.arraycopy(data, pos, value, 0, length);
            pos += length;
            return value;
        }

        private void need(int bytes, int elementAt, String what) {
            if (end - pos < bytes) {
                throw error(what + " runs past the end of the message (" + (end - pos) + " bytes left)", elementAt);
            }
        }

        private ViciProtocolException error(String what, int elementAt) {
            return new ViciProtocolException("malformed VICI message at element offset " + elementAt + ": " + what);
        }
    }

    private static final class OpenSection {
        final String name;
        final List<ViciEntry> entries = new ArrayList<>();

        OpenSection(String name) {
            this.name = name;
        }
    }
}
