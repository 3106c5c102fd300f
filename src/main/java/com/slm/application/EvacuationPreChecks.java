package com.slm.application;

import com.slm.domain.CheckResult;
import com.slm.domain.EvacuationRequest;
import com.slm.domain.HostRef;
import com.slm.port.Hypervisor;
import com.slm.port.IpsecGateway;
import com.slm.port.Topology;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An evacuation's pre-checks, changing nothing: finds the host each VM of the batch runs on in the source
 * environment (the plan), runs the single migration's hypervisor checks for each, checks that none is being
 * migrated already and that both IPsec gateways answer, and says whether the subnet moves as a whole. The batch
 * goes ahead only when every check passed (an operator narrows the list otherwise); each VM's migration checks again
 * for itself when it starts, since this plan may be stale by then.
 */
@Component
public class EvacuationPreChecks {
    private final Hypervisor hypervisor;
    private final IpsecGateway ipsec;
    private final Topology topology;
    private final WholeSubnet wholeSubnet;

    public EvacuationPreChecks(Hypervisor hypervisor, IpsecGateway ipsec, Topology topology, WholeSubnet wholeSubnet) {
        this.hypervisor = hypervisor;
        this.ipsec = ipsec;
        this.topology = topology;
        this.wholeSubnet = wholeSubnet;
    }

    /** What the checks found, where each VM runs, whether all passed and the subnet moves whole, and the summary. */
    public record Report(List<CheckResult> results, Map<String, String> plan, boolean passed, boolean wholeSubnet,
                         String summary) {

        public List<String> failed() {
            return results.stream().filter(r -> !r.passed()).map(CheckResult::name).toList();
        }
    }

    /** @param migrationOf the migration that holds a VM now (its lock), if any */
    public Report run(EvacuationRequest request, Function<String, Optional<String>> migrationOf) {
        Map<String, String> plan = new TreeMap<>();
        List<CheckResult> results = new ArrayList<>(PreChecks.guarded("hosts", () -> {
            for (HostRef host : topology.hosts(request.sourceEnvironment())) {
                hypervisor.runningAmong(host, request.vmNames()).forEach(vm -> plan.putIfAbsent(vm, host.host()));
            }
            return List.of();
        }));
        for (String vm : request.vmNames()) {
            String host = plan.get(vm);
            if (host == null) {
                results.add(CheckResult.fail(vm + ": placement", "not running on any host of environment '"
                        + request.sourceEnvironment() + "'"));
                continue;
            }
            results.add(CheckResult.pass(vm + ": placement", "runs on " + host));
            Optional<String> running = migrationOf.apply(vm);
            results.add(running.isPresent()
                    ? CheckResult.fail(vm + ": lock", "already being migrated by " + running.get())
                    : CheckResult.pass(vm + ": lock", "no other migration of it runs"));
            PreChecks.guarded(vm + ": hypervisor", () -> hypervisor.preCheck(request.migrationOf(vm, host)))
                    .forEach(r -> results.add(new CheckResult(vm + ": " + r.name(), r.passed(), r.detail())));
        }
        results.addAll(PreChecks.guarded("ipsec-" + request.sourceEnvironment(),
                () -> List.of(ipsec.probe(request.sourceEnvironment()))));
        results.addAll(PreChecks.guarded("ipsec-" + request.target().environment(),
                () -> List.of(ipsec.probe(request.target().environment()))));
        List<String> staying = new ArrayList<>(wholeSubnet.stillRunning(request.sourceEnvironment(), request.subnet(), null));
        staying.removeAll(request.vmNames());
        boolean passed = results.stream().allMatch(CheckResult::passed);
        return new Report(List.copyOf(results), plan, passed, staying.isEmpty(), summary(results, request, staying));
    }

    /**
     * The lanes: at most {@code parallelism}, each the comma-separated names of the VMs it moves one after the other.
     * The VMs are dealt in the request's order (lane 1 takes the first, lane 2 the second, ...), so the first
     * {@code parallelism} VMs start at once and each lane starts its next VM as soon as its own last one ended: no VM
     * waits for a slow one of another lane.
     */
    public static List<String> lanes(EvacuationRequest request) {
        List<String> vms = request.vmNames();
        int count = Math.min(request.parallelism(), vms.size());
        List<List<String>> lanes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lanes.add(new ArrayList<>());
        }
        for (int i = 0; i < vms.size(); i++) {
            lanes.get(i % count).add(vms.get(i));
        }
        return lanes.stream().map(lane -> String.join(",", lane)).toList();
    }

    private static String summary(List<CheckResult> results, EvacuationRequest request, List<String> staying) {
        String checks = results.stream()
                .map(r -> (r.passed() ? "PASS " : "FAIL ") + r.name() + ": " + r.detail())
                .collect(Collectors.joining("\n"));
        String plan = staying.isEmpty()
                ? "\nPlan: no other VM of subnet " + request.subnet() + " stays in the secure environment: once the last "
                  + "one has moved, a site tunnel carries the subnet until the routing core learns the new route, once "
                  + "for the whole batch."
                : "\nPlan: " + String.join(", ", staying) + " of subnet " + request.subnet() + " stay: each VM gets "
                  + "its own IPsec policy, no subnet tunnel.";
        return checks + "\nAt most " + request.parallelism() + " at once, in lanes: " + lanes(request) + plan;
    }
}
