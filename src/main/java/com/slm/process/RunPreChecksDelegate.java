package com.slm.process;

import com.slm.domain.CheckResult;
import com.slm.domain.MigrationRequest;
import com.slm.port.AdapterNotConfiguredException;
import com.slm.port.Hypervisor;
import com.slm.port.IpsecGateway;
import com.slm.port.PortException;
import com.slm.port.Topology;
import com.slm.process.support.JsonVariables;
import com.slm.process.support.SealedRequests;
import com.slm.process.support.SubnetPeers;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static com.slm.domain.ProcessVariables.*;

/**
 * Pre-checks before approval, changing nothing: the hypervisors' checks (VM at the source, not at the target,
 * memory, CPU, target reachable), both IPsec endpoints, the VM's address. Also decides whether the VM's subnet
 * moves as a whole (no other VM of that subnet runs in the secure environment), which blocks 335/375 need.
 */
@Component
public class RunPreChecksDelegate implements JavaDelegate {
    private static final Logger LOG = LoggerFactory.getLogger(RunPreChecksDelegate.class);
    private final Hypervisor hypervisor;
    private final IpsecGateway ipsec;
    private final Topology topology;

    public RunPreChecksDelegate(Hypervisor hypervisor, IpsecGateway ipsec, Topology topology) {
        this.hypervisor = hypervisor;
        this.ipsec = ipsec;
        this.topology = topology;
    }

    @Override
    public void execute(DelegateExecution execution) {
        MigrationRequest request = SealedRequests.beforeApproval(execution);
        String address = (String) execution.getVariable(VM_ADDRESS);
        String subnet = (String) execution.getVariable(VM_SUBNET);

        List<CheckResult> results = new ArrayList<>();
        results.add(address == null
                ? CheckResult.fail("vm-address", "No address is configured for VM '" + request.vmName()
                        + "' (slm.vms." + request.vmName() + ".address): its IPsec policy cannot be built")
                : subnet == null
                ? CheckResult.fail("vm-address", "Address " + address + " is in none of the subnets of environment '"
                        + request.source().environment() + "'")
                : CheckResult.pass("vm-address", address + " in subnet " + subnet));
        results.addAll(guarded("hypervisor", () -> hypervisor.preCheck(request)));
        results.addAll(guarded("ipsec-" + request.source().environment(),
                () -> List.of(ipsec.probe(request.source().environment()))));
        results.addAll(guarded("ipsec-" + request.target().environment(),
                () -> List.of(ipsec.probe(request.target().environment()))));

        // the plan the approver reads; decided again once the VM has moved (RecheckWholeSubnetDelegate)
        boolean whole = subnet != null && SubnetPeers.stillRunning(hypervisor, topology,
                request.source().environment(), subnet, request.vmName()).isEmpty();
        boolean passed = results.stream().allMatch(CheckResult::passed);
        execution.setVariable(PRE_CHECK_RESULTS, JsonVariables.json(results));
        execution.setVariable(PRE_CHECKS_PASSED, passed);
        execution.setVariable(WHOLE_SUBNET_MOVED, whole);
        execution.setVariable(PRE_CHECK_SUMMARY, summary(results, subnet, whole));
        // The approval is valid only for the request these checks ran against.
        execution.setVariable(PRE_CHECKED_DIGEST, execution.getVariable(REQUEST_DIGEST));
        // the names only: the details are in the variables, readable by those who may read this migration
        LOG.info("Pre-checks {}", passed ? "passed" : "failed: " + results.stream().filter(r -> !r.passed())
                .map(CheckResult::name).collect(Collectors.joining(", ")));
    }

    /** A check that cannot be run is a failed check; a missing adapter stays an incident that names it. */
    private static List<CheckResult> guarded(String name, Supplier<List<CheckResult>> check) {
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
