package com.slm.adapter.strongswan.vici;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Packets on the wire: a 4-byte big-endian length (not counting itself), the type byte, for named types
 * an 8-bit-length name, then the message elements.
 */
public final class ViciPacketCodec {

    private ViciPacketCodec() {
    }

    /** The whole segment, length prefix included. */
    public static byte[] encode(ViciPacket packet) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[4]);
        out.write(packet.type().code);
        if (packet.type().named) {
            ViciMessageCodec.writeName(out, packet.name());
        }
        ViciMessageCodec.encodeInto(packet.message(), out, 0);
        byte[] bytes = out.toByteArray();
        int length = bytes.length - 4;
        if (length > ViciLimits.MAX_PACKET_BYTES) {
            throw new ViciEncodingException("VICI packet " + describe(packet) + " would be " + length
                    + " bytes; charon accepts at most " + ViciLimits.MAX_PACKET_BYTES);
        }
        bytes[0] = (byte) (length >>> 24);
        bytes[1] = (byte) (length >>> 16);
        bytes[2] = (byte) (length >>> 8);
        bytes[3] = (byte) length;
        return bytes;
    }

    /** Decodes a segment's content (without the length prefix). */
    public static ViciPacket decode(byte[] segment) {
        if (segment.length == 0) {
            throw new ViciProtocolException("empty VICI packet (no packet type)");
        }
        int code = segment[0] & 0xFF;
        ViciPacketType type = ViciPacketType.of(code);
        if (type == null) {
            throw new ViciProtocolException("unknown VICI packet type " + code);
        }
        int pos = 1;
        String name = null;
        if (type.named) {
            if (segment.length < 2) {
                throw new ViciProtocolException(type + " packet ends before its name length");
            }
            int length = segment[1] & 0xFF;
            if (segment.length - 2 < length) {
                throw new ViciProtocolException(type + " packet name of " + length + " bytes runs past the packet end");
            }
            name = new String(segment, 2, length, StandardCharsets.US_ASCII);
            pos = 2 + length;
        }
        if (!type.hasMessage) {
            if (pos != segment.length) {
                throw new ViciProtocolException(type + " packet has " + (segment.length - pos) + " unexpected trailing bytes");
            }
            return new ViciPacket(type, name, null);
        }
        return new ViciPacket(type, name, ViciMessageCodec.decode(segment, pos, segment.length - pos));
    }

    /** Reads the length prefix and refuses oversized or empty packets before allocating anything. */
    static int checkedLength(byte[] prefix) {
        long length = ((long) (prefix[0] & 0xFF) << 24) | ((prefix[1] & 0xFF) << 16) | ((prefix[2] & 0xFF) << 8)
                | (prefix[3] & 0xFF);
        if (length == 0) {
            throw new ViciProtocolException("VICI packet of length 0 (no packet type)");
        }
        if (length > ViciLimits.MAX_PACKET_BYTES) {
            throw new ViciProtocolException("VICI packet announces " + length + " bytes; at most "
                    + ViciLimits.MAX_PACKET_BYTES + " are allowed");
        }
        return (int) length;
    }

    static String describe(ViciPacket packet) {
        return packet.name() == null ? packet.type().toString() : packet.type() + " '" + packet.name() + "'";
    }
}
