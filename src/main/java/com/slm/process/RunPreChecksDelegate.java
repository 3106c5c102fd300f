package com.slm.process;

import com.slm.application.PreChecks;
import com.slm.domain.MigrationRequest;
import com.slm.process.support.JsonVariables;
import com.slm.process.support.SealedRequests;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import static com.slm.domain.ProcessVariables.*;

/**
 * Pre-checks before approval, changing nothing ({@link PreChecks}): their results, whether all passed, the plan
 * (whether the VM's subnet moves as a whole, which blocks 335/375 need) and the summary the approver reads.
 */
@Component
public class RunPreChecksDelegate implements JavaDelegate {
    private static final Logger LOG = LoggerFactory.getLogger(RunPreChecksDelegate.class);
    private final PreChecks preChecks;

    public RunPreChecksDelegate(PreChecks preChecks) {
        this.preChecks = preChecks;
    }

    @Override
    public void execute(DelegateExecution execution) {
        MigrationRequest request = SealedRequests.beforeApproval(execution);
        PreChecks.Report report = preChecks.run(request, (String) execution.getVariable(VM_ADDRESS),
                (String) execution.getVariable(VM_SUBNET));
        execution.setVariable(PRE_CHECK_RESULTS, JsonVariables.json(report.results()));
        execution.setVariable(PRE_CHECKS_PASSED, report.passed());
        execution.setVariable(WHOLE_SUBNET_MOVED, report.wholeSubnet());
        execution.setVariable(PRE_CHECK_SUMMARY, report.summary());
        // The approval is valid only for the request these checks ran against.
        execution.setVariable(PRE_CHECKED_DIGEST, execution.getVariable(REQUEST_DIGEST));
        // the names only: the details are in the variables, readable by those who may read this migration
        LOG.info("Pre-checks {}", report.passed() ? "passed" : "failed: " + String.join(", ", report.failed()));
    }
}
