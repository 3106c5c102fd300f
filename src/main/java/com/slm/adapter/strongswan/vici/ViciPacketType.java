package com.slm.adapter.strongswan.vici;

/** VICI packet types with their wire codes, and which carry a name and/or a message. */
public enum ViciPacketType {
    CMD_REQUEST(0, true, true),
    CMD_RESPONSE(1, false, true),
    CMD_UNKNOWN(2, false, false),
    EVENT_REGISTER(3, true, false),
    EVENT_UNREGISTER(4, true, false),
    EVENT_CONFIRM(5, false, false),
    EVENT_UNKNOWN(6, false, false),
    EVENT(7, true, true);

    public final int code;
    public final boolean named;
    public final boolean hasMessage;

    ViciPacketType(int code, boolean named, boolean hasMessage) {
        this.code = code;
        this.named = named;
        this.hasMessage = hasMessage;
    }

    static ViciPacketType of(int code) {
        for (ViciPacketType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
