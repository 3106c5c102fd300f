package com.slm.adapter.linux;

import com.slm.adapter.Commands;
import org.springframework.boot.context.properties.bind.Binder;

/** Builds the Linux adapters from bound settings, for lab tests. */
public final class LinuxAdapters {
    private LinuxAdapters() {
    }

    public static SsConnectionInventory inventory(Binder binder) {
        LinuxProperties settings = binder.bindOrCreate("slm.linux", LinuxProperties.class);
        return new SsConnectionInventory(settings, new Commands(settings.commandTimeout(), settings.hosts()));
    }

    public static IpRouteRoutingCore routingCore(Binder binder) {
        LinuxProperties settings = binder.bindOrCreate("slm.linux", LinuxProperties.class);
        return new IpRouteRoutingCore(settings, new Commands(settings.commandTimeout(), settings.hosts()));
    }

    public static NftablesTrafficGuard trafficGuard(Binder binder) {
        LinuxProperties settings = binder.bindOrCreate("slm.linux", LinuxProperties.class);
        return new NftablesTrafficGuard(settings.guard(), new Commands(settings.commandTimeout(), settings.hosts()));
    }
}
