package com.slm.adapter.strongswan.vici;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A shared secret for {@code load-shared}: an IKE PSK, EAP or XAuth secret. The secret bytes leave this
 * object only into the request message (marked secret there too); toString never shows them.
 */
public final class ViciSharedSecret {
    private final String id;
    private final String type;
    private final byte[] data;
    private final List<String> owners;

    public ViciSharedSecret(String id, String type, byte[] data, List<String> owners) {
        if (id != null && id.isBlank()) {
            throw new IllegalArgumentException("shared secret id must not be blank (or null for none)");
        }
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("shared secret type is required (IKE, EAP, XAUTH, NTLM or PPK)");
        }
        Objects.requireNonNull(data, "shared secret data is null");
        if (data.length == 0) {
            throw new IllegalArgumentException("shared secret '" + id + "' is empty");
        }
        this.id = id;
        this.type = type;
        this.data = data.clone();
        this.owners = owners == null ? List.of() : List.copyOf(owners);
    }

    /** An IKE pre-shared key for the given identities (e.g. the two gateways' addresses). */
    public static ViciSharedSecret ike(String id, byte[] psk, List<String> owners) {
        return new ViciSharedSecret(id, "IKE", psk, owners);
    }

    public String id() {
        return id;
    }

    public String type() {
        return type;
    }

    public List<String> owners() {
        return owners;
    }

    /** Overwrites the local copy of the secret once it has been loaded. */
    public void wipe() {
        Arrays.fill(data, (byte) 0);
    }

    ViciMessage toMessage() {
        ViciMessage.Builder b = ViciMessage.builder();
        if (id != null) {
            b.add("id", id);
        }
        return b.add("type", type).addSecret("data", data).addList("owners", owners).build();
    }

    @Override
    public String toString() {
        return "ViciSharedSecret[id=" + id + ", type=" + type + ", owners=" + owners + ", data=<redacted>]";
    }
}
