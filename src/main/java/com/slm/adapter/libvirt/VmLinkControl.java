package com.slm.adapter.libvirt;

import com.slm.domain.HostRef;
import com.slm.port.PortException;
import org.libvirt.Domain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Blocks 320 and 370: the link state of a VM's selected interfaces ({@code slm.libvirt.interfaces}), switched live.
 * Only the links in the other state are changed, so doing it twice is harmless; the live XML is read back, because
 * libvirt accepting the change is not the guest's link being down.
 */
class VmLinkControl {
    private static final Logger LOG = LoggerFactory.getLogger(VmLinkControl.class);

    private final LibvirtConnections connections;
    private final LibvirtProperties settings;

    VmLinkControl(LibvirtConnections connections, LibvirtProperties settings) {
        this.connections = connections;
        this.settings = settings;
    }

    void block(HostRef host, String vmName) {
        setLinks(host, vmName, false);
    }

    void unblock(HostRef host, String vmName) {
        setLinks(host, vmName, true);
    }

    private void setLinks(HostRef host, String vmName, boolean up) {
        List<InterfaceLinks.Link> links = selected(host, vmName);
        if (links.isEmpty()) {
            throw new PortException("VM '" + vmName + "' at " + host + " has no network interface matching "
                    + (settings.interfaces().isEmpty() ? "(all)" : settings.interfaces()), false);
        }
        for (InterfaceLinks.Link link : links) {
            if (link.up() != up) {
                String xml = InterfaceLinks.withLinkState(link, up);
                connections.call(host, "set link " + (up ? "up" : "down") + " on " + vmName + " " + link.mac(),
                        c -> c.domainLookupByName(vmName).updateDeviceFlags(xml, Domain.DeviceModifyFlags.LIVE));
            }
        }
        List<InterfaceLinks.Link> after = selected(host, vmName);
        if (after.stream().anyMatch(l -> l.up() != up)) {
            throw new PortException("libvirt on " + host + " accepted the link change of VM '" + vmName
                    + "' but its live XML still shows a link " + (up ? "down" : "up"), true);
        }
        LOG.info("Links of {} at {} are {}", vmName, host, up ? "UP" : "DOWN");
    }

    private List<InterfaceLinks.Link> selected(HostRef host, String vmName) {
        String xml = connections.call(host, "read live XML of " + vmName, c -> c.domainLookupByName(vmName).getXMLDesc(0));
        return InterfaceLinks.of(xml).stream().filter(l -> l.matches(settings.interfaces())).toList();
    }
}
