package com.slm.adapter.libvirt;

import org.springframework.boot.context.properties.bind.Binder;

import java.util.Map;

/** Lets lab tests of other adapters bind the lab's settings the same way. */
public final class LabSettingsAccess {
    private LabSettingsAccess() {
    }

    public static Binder binder(Map<String, Object> overrides) {
        return LabSettings.binder(overrides);
    }
}
