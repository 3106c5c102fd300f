package com.slm.application;

import com.slm.domain.HostRef;
import com.slm.domain.MigrationRequest;
import com.slm.domain.Subnets;
import com.slm.port.Hypervisor;
import com.slm.port.Topology;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rule of blocks 335/375: a VM's subnet moves as a whole when no other VM of that subnet still runs in the
 * secure (source) environment. One place, used by the pre-checks (the plan the approver reads) and again once the
 * VM has moved (the decision the model takes), because other VMs may come and go in between.
 */
@Component
public class WholeSubnet {
    private final Hypervisor hypervisor;
    private final Topology topology;

    public WholeSubnet(Hypervisor hypervisor, Topology topology) {
        this.hypervisor = hypervisor;
        this.topology = topology;
    }

    /** Whether the VM's subnet moves with it; a VM in no known subnet ({@code null}) moves alone. */
    public boolean movesWhole(MigrationRequest request, String subnet) {
        return subnet != null && stillRunning(request.source().environment(), subnet, request.vmName()).isEmpty();
    }

    /** The other VMs of {@code subnet} running on any host of {@code environment}. */
    public List<String> stillRunning(String environment, String subnet, String vmName) {
        // the subnet's other known VMs: asked about by name, never the one that moved (its old host may be busy
        // stopping it, and a listing of all domains would wait for that)
        List<String> peers = topology.vmAddresses().entrySet().stream()
                .filter(vm -> !vm.getKey().equals(vmName) && Subnets.contains(subnet, vm.getValue()))
                .map(Map.Entry::getKey).sorted().toList();
        List<String> others = new ArrayList<>();
        if (peers.isEmpty()) {
            return others;
        }
        for (HostRef host : topology.hosts(environment)) {
            others.addAll(hypervisor.runningAmong(host, peers));
        }
        return others;
    }
}
