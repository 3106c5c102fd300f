package com.slm.adapter.strongswan.vici;

/** Answer of the {@code version} command. */
public record ViciVersion(String daemon, String version, String sysname, String release, String machine) {

    static ViciVersion from(ViciMessage m) {
        return new ViciVersion(m.valueOr("daemon", ""), m.valueOr("version", ""), m.valueOr("sysname", ""),
                m.valueOr("release", ""), m.valueOr("machine", ""));
    }
}
