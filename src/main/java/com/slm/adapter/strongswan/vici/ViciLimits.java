package com.slm.adapter.strongswan.vici;

/** The size limits of the VICI wire format (strongSwan's vici README, "Transport protocol" and "Message format"). */
public final class ViciLimits {
    /** Names and keys carry an 8-bit length. */
    public static final int MAX_NAME_BYTES = 0xFF;
    /** Values and list items carry a 16-bit length. */
    public static final int MAX_VALUE_BYTES = 0xFFFF;
    /** charon refuses segments above 512 KiB; we refuse to read or write more, so a bad length cannot exhaust memory. */
    public static final int MAX_PACKET_BYTES = 512 * 1024;
    /** Guards the recursive encoder and toString against absurd nesting in received data. */
    public static final int MAX_SECTION_DEPTH = 64;

    private ViciLimits() {
    }
}
