package com.slm.adapter.libvirt;

import org.libvirt.DomainInfo.DomainState;

/** What libvirt says of one domain on one host: read once, so the pre-checks and the placement judge the same facts. */
record DomainFacts(boolean active, DomainState state, long maxMemoryKib, boolean jobRunning, String xml) {
}
