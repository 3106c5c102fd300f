package com.slm.process;

import com.slm.config.Environments;
import com.slm.config.Ports;
import com.slm.config.SlmProperties;
import com.slm.domain.CheckResult;
import com.slm.domain.EvacuationRequest;
import com.slm.domain.HostRef;
import com.slm.process.lock.VmMigrationLocks;
import com.slm.process.support.JsonVariables;
import com.slm.process.support.SealedEvacuations;
import com.slm.process.support.SubnetPeers;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static com.slm.process.ProcessVariables.*;

/**
 * The evacuation's pre-checks, changing nothing: finds the host each VM of the batch runs on in the source
 * environment (the plan), runs the single migration's hypervisor checks for each, checks that none is being
 * migrated already and that both IPsec gateways answer, and says whether the subnet moves as a whole. One summary
 * for the approver; the batch goes ahead only when every check passed (an operator narrows the list otherwise).
 * Each VM's migration checks again for itself when it starts: this plan may be stale by then.
 */
@Component
public class RunEvacuationPreChecksDelegate implements JavaDelegate {
    private static final Logger LOG = LoggerFactory.getLogger(RunEvacuationPreChecksDelegate.class);
    private final Ports ports;
    private final Environments environments;
    private final SlmProperties properties;
    private final VmMigrationLocks locks;

    public RunEvacuationPreChecksDelegate(Ports ports, Environments environments, SlmProperties properties,
                                          VmMigrationLocks locks) {
        this.ports = ports;
        this.environments = environments;
        this.properties = properties;
        this.locks = locks;
    }

    @Override
    public void execute(DelegateExecution execution) {
        EvacuationRequest request = SealedEvacuations.beforeApproval(execution);
        Map<String, String> plan = new TreeMap<>();
        List<CheckResult> results = new ArrayList<>(RunPreChecksDelegate.guarded("hosts", () -> {
            locateEach(request, plan);
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
            Optional<String> running = locks.holder(vm);
            results.add(running.isPresent()
                    ? CheckResult.fail(vm + ": lock", "already being migrated by " + running.get())
                    : CheckResult.pass(vm + ": lock", "no other migration of it runs"));
            RunPreChecksDelegate.guarded(vm + ": hypervisor", () -> ports.hypervisor().preCheck(request.migrationOf(vm, host)))
                    .forEach(r -> results.add(new CheckResult(vm + ": " + r.name(), r.passed(), r.detail())));
        }
        results.addAll(RunPreChecksDelegate.guarded("ipsec-" + request.sourceEnvironment(),
                () -> List.of(ports.ipsec().probe(request.sourceEnvironment()))));
        results.addAll(RunPreChecksDelegate.guarded("ipsec-" + request.target().environment(),
                () -> List.of(ports.ipsec().probe(request.target().environment()))));

        List<String> staying = new ArrayList<>(SubnetPeers.stillRunning(ports.hypervisor(), environments, properties,
                request.sourceEnvironment(), request.subnet(), null));
        staying.removeAll(request.vmNames());
        boolean passed = results.stream().allMatch(CheckResult::passed);
        execution.setVariable(EVACUATION_PLAN, JsonVariables.json(plan));
        execution.setVariable(PRE_CHECK_RESULTS, JsonVariables.json(results));
        execution.setVariable(PRE_CHECKS_PASSED, passed);
        execution.setVariable(WHOLE_SUBNET_MOVED, staying.isEmpty());
        execution.setVariable(PRE_CHECK_SUMMARY, summary(results, request, staying));
        // The approval is valid only for the request these checks ran against.
        execution.setVariable(PRE_CHECKED_DIGEST, execution.getVariable(REQUEST_DIGEST));
        LOG.info("Evacuation pre-checks {}", passed ? "passed" : "failed: " + results.stream().filter(r -> !r.passed())
                .map(CheckResult::name).collect(Collectors.joining(", ")));
    }

    /** Asks each host of the source environment which of the batch's VMs it runs. */
    private void locateEach(EvacuationRequest request, Map<String, String> plan) {
        for (String host : environments.environment(request.sourceEnvironment())
                .map(SlmProperties.Environment::hosts).orElse(Map.of()).keySet()) {
            for (String vm : ports.hypervisor().runningAmong(new HostRef(request.sourceEnvironment(), host), request.vmNames())) {
                plan.putIfAbsent(vm, host);
            }
        }
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
        return checks + "\nWaves of at most " + request.parallelism() + ": " + EvacuationWaves.waves(request) + plan;
    }
}
