package com.slm.process;

import com.slm.application.EvacuationPreChecks;
import com.slm.process.lock.VmMigrationLocks;
import com.slm.process.support.JsonVariables;
import com.slm.process.support.SealedEvacuations;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import static com.slm.domain.ProcessVariables.*;

/** The evacuation's pre-checks ({@link EvacuationPreChecks}): the plan and one summary for the approver. */
@Component
public class RunEvacuationPreChecksDelegate implements JavaDelegate {
    private static final Logger LOG = LoggerFactory.getLogger(RunEvacuationPreChecksDelegate.class);
    private final EvacuationPreChecks preChecks;
    private final VmMigrationLocks locks;

    public RunEvacuationPreChecksDelegate(EvacuationPreChecks preChecks, VmMigrationLocks locks) {
        this.preChecks = preChecks;
        this.locks = locks;
    }

    @Override
    public void execute(DelegateExecution execution) {
        EvacuationPreChecks.Report report = preChecks.run(SealedEvacuations.beforeApproval(execution), locks::holder);
        execution.setVariable(EVACUATION_PLAN, JsonVariables.json(report.plan()));
        execution.setVariable(PRE_CHECK_RESULTS, JsonVariables.json(report.results()));
        execution.setVariable(PRE_CHECKS_PASSED, report.passed());
        execution.setVariable(WHOLE_SUBNET_MOVED, report.wholeSubnet());
        execution.setVariable(PRE_CHECK_SUMMARY, report.summary());
        // The approval is valid only for the request these checks ran against.
        execution.setVariable(PRE_CHECKED_DIGEST, execution.getVariable(REQUEST_DIGEST));
        LOG.info("Evacuation pre-checks {}", report.passed() ? "passed" : "failed: " + String.join(", ", report.failed()));
    }
}
