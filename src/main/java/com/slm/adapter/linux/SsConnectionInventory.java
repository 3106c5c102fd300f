package com.slm.adapter.linux;

import com.slm.adapter.Commands;
import com.slm.domain.ObservedConnection;
import com.slm.port.ConnectionInventory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@link ConnectionInventory} port with iproute2's {@code ss}, run on each configured observation host
 * (the site hosts and gateways, where the VM's peers' sockets live): sessions with the VM's address at one end;
 * a reset with {@code ss -K}, which destroys the socket so that its peer sees a reset on its next send. No payload
 * is ever read.
 */
public class SsConnectionInventory implements ConnectionInventory {
    private final LinuxProperties settings;
    private final Commands commands;

    SsConnectionInventory(LinuxProperties settings, Commands commands) {
        this.settings = settings;
        this.commands = commands;
    }

    @Override
    public List<ObservedConnection> connectionsOf(String vmName, String vmAddress) {
        Set<ObservedConnection> found = new LinkedHashSet<>();
        for (String host : hosts()) {
            for (ObservedConnection c : SsOutput.parse(commands.run(host, "ss", "-Htun"))) {
                if ((vmAddress.equals(c.remoteAddress()) || vmAddress.equals(c.localAddress())) && !"LISTEN".equals(c.state())) {
                    found.add(c);
                }
            }
        }
        return new ArrayList<>(found);
    }

    @Override
    public boolean reset(String vmName, ObservedConnection connection) {
        boolean reset = false;
        for (String host : hosts()) {
            String output = commands.run(host, "ss", "-K", "-Htn",
                    "src", connection.localAddress(), "sport", "= :" + connection.localPort(),
                    "dst", connection.remoteAddress(), "dport", "= :" + connection.remotePort());
            // ss -K exits 0 even when nothing matched: only the listed sockets were destroyed
            reset |= !SsOutput.parse(output).isEmpty() || output.contains(":" + connection.localPort());
        }
        return reset;
    }

    private List<String> hosts() {
        List<String> all = new ArrayList<>();
        settings.connections().observe().values().forEach(all::addAll);
        if (all.isEmpty()) {
            all.add("");
        }
        return all;
    }
}
