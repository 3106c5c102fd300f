package com.slm.adapter.libvirt;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Settings of the libvirt adapter ({@code slm.libvirt}).
 *
 * @param memoryMarginMib  free memory the target must keep beyond the VM's own (pre-check)
 * @param interfaces       which of a VM's interfaces blocks 320/370 switch (MAC addresses or target device
 *                         names); empty means all
 * @param callTimeout      longest wait for one libvirt call before the host counts as not answering
 * @param keepaliveInterval seconds between keepalive probes on each connection
 * @param keepaliveCount   unanswered probes after which libvirt closes the connection
 * @param startTimeout     how long block 325 waits for a started migration job to show up in libvirt
 */
@ConfigurationProperties("slm.libvirt")
public record LibvirtProperties(
        @DefaultValue("32") long memoryMarginMib,
        @DefaultValue List<String> interfaces,
        @DefaultValue("PT30S") Duration callTimeout,
        @DefaultValue("5") int keepaliveInterval,
        @DefaultValue("3") int keepaliveCount,
        @DefaultValue("PT20S") Duration startTimeout) {
}
