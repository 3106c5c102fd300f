package com.slm.adapter.strongswan.vici;

import java.util.Objects;

/**
 * One VICI packet. {@code name} is set exactly for the named types, {@code message} is empty for types
 * that carry none. toString shows the message with secrets redacted.
 */
public record ViciPacket(ViciPacketType type, String name, ViciMessage message) {

    public ViciPacket {
        Objects.requireNonNull(type, "packet type is null");
        if (type.named) {
            Objects.requireNonNull(name, () -> type + " needs a name");
        } else if (name != null) {
            throw new IllegalArgumentException(type + " carries no name");
        }
        if (message == null) {
            message = ViciMessage.empty();
        } else if (!type.hasMessage && !message.isEmpty()) {
            throw new IllegalArgumentException(type + " carries no message");
        }
    }

    public static ViciPacket request(String command, ViciMessage arguments) {
        return new ViciPacket(ViciPacketType.CMD_REQUEST, command, arguments);
    }

    public static ViciPacket register(String event) {
        return new ViciPacket(ViciPacketType.EVENT_REGISTER, event, null);
    }

    public static ViciPacket unregister(String event) {
        return new ViciPacket(ViciPacketType.EVENT_UNREGISTER, event, null);
    }

    public static ViciPacket response(ViciMessage message) {
        return new ViciPacket(ViciPacketType.CMD_RESPONSE, null, message);
    }

    public static ViciPacket event(String event, ViciMessage message) {
        return new ViciPacket(ViciPacketType.EVENT, event, message);
    }

    public static ViciPacket of(ViciPacketType type) {
        return new ViciPacket(type, null, null);
    }
}
