package com.slm.application;

import com.slm.domain.CheckResult;
import com.slm.domain.MigrationRequest;
import com.slm.port.AdapterNotConfiguredException;
import com.slm.port.Hypervisor;
import com.slm.port.IpsecGateway;
import com.slm.port.PortException;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The pre-checks before approval, changing nothing: the VM's address, the hypervisors' checks (VM at the source, not
 * at the target, memory, CPU, target reachable), both IPsec endpoints; and the plan the approver reads: whether the
 * VM's subnet moves as a whole. A check that cannot be run is a failed check; a missing adapter is not a check
 * result but a configuration gap, and stays an exception that names it.
 */
@Component
public class PreChecks {
    private final Hypervisor hypervisor;
    private final IpsecGateway ipsec;
    private final WholeSubnet wholeSubnet;

    public PreChecks(Hypervisor hypervisor, IpsecGateway ipsec, WholeSubnet wholeSubnet) {
        this.hypervisor = hypervisor;
        this.ipsec = ipsec;
        this.wholeSubnet = wholeSubnet;
    }

    /** What the checks found, whether all passed, the plan, and the summary the approver reads. */
    public record Report(List<CheckResult> results, boolean passed, boolean wholeSubnet, String summary) {

        /** The names of the checks that failed (for a log line: the details stay in the variables). */
        public List<String> failed() {
            return results.stream().filter(r -> !r.passed()).map(CheckResult::name).toList();
        }
    }

    /**
     * @param vmAddress the VM's address, {@code null} when none is configured
     * @param vmSubnet  the secure environment's subnet that holds it, {@code null} when none does
     */
    public Report run(MigrationRequest request, String vmAddress, String vmSubnet) {
        List<CheckResult> results = new ArrayList<>();
        results.add(addressCheck(request, vmAddress, vmSubnet));
        results.addAll(guarded("hypervisor", () -> hypervisor.preCheck(request)));
        results.addAll(guarded("ipsec-" + request.source().environment(),
                () -> List.of(ipsec.probe(request.source().environment()))));
        results.addAll(guarded("ipsec-" + request.target().environment(),
                () -> List.of(ipsec.probe(request.target().environment()))));
        // the plan the approver reads; decided again once the VM has moved (block 335)
        boolean whole = wholeSubnet.movesWhole(request, vmSubnet);
        boolean passed = results.stream().allMatch(CheckResult::passed);
        return new Report(List.copyOf(results), passed, whole, summary(results, vmSubnet, whole));
    }

    private static CheckResult addressCheck(MigrationRequest request, String address, String subnet) {
        if (address == null) {
            return CheckResult.fail("vm-address", "No address is configured for VM '" + request.vmName()
                    + "' (slm.vms." + request.vmName() + ".address): its IPsec policy cannot be built");
        }
        return subnet == null
                ? CheckResult.fail("vm-address", "Address " + address + " is in none of the subnets of environment '"
                        + request.source().environment() + "'")
                : CheckResult.pass("vm-address", address + " in subnet " + subnet);
    }

    static List<CheckResult> guarded(String name, Supplier<List<CheckResult>> check) {
        try {
            return check.get();
        } catch (AdapterNotConfiguredException e) {
            throw e;
        } catch (PortException e) {
            return List.of(CheckResult.fail(name, e.getMessage()));
        }
    }

    private static String summary(List<CheckResult> results, String subnet, boolean whole) {
        String checks = results.stream()
                .map(r -> (r.passed() ? "PASS " : "FAIL ") + r.name() + ": " + r.detail())
                .collect(Collectors.joining("\n"));
        String plan = subnet == null ? "" : whole
                ? "\nPlan: the VM is the last of subnet " + subnet + " in the secure environment: the whole subnet "
                  + "moves, a site tunnel carries it until the routing core learns the new route."
                : "\nPlan: other VMs of subnet " + subnet + " stay: only the VM's own IPsec policy is installed.";
        return checks + plan;
    }
}
