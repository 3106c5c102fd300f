package com.slm.process;

import com.slm.domain.EvacuationRequest;
import com.slm.domain.EvacuationRequestValidator;
import com.slm.domain.HostRef;
import com.slm.domain.SealedRequest;
import com.slm.process.support.SealedEvacuations;
import com.slm.process.support.SealedRequests;
import com.slm.process.support.StarterGrants;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

import static com.slm.domain.ProcessVariables.*;

/**
 * The evacuation's start listener, as block 310's for a single migration: validates the request (a closed list of
 * fields, the single migration's rules plus the subnet's), resolves the VMs it moves, seals it (the loose fields are
 * removed) and gives its requester read access to it. It runs in the start transaction: a refused request leaves no
 * instance. Each VM's own migration lock is taken when its migration starts, and checked by the pre-checks.
 */
@Component
public class ValidateEvacuationRequestListener implements ExecutionListener {
    private final EvacuationRequestValidator validator;

    public ValidateEvacuationRequestListener(EvacuationRequestValidator validator) {
        this.validator = validator;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String starter = Context.getCommandContext().getAuthenticatedUserId();
        if (starter == null) {
            throw new AuthorizationException("An evacuation must be started by a logged-in user: four eyes and the "
                    + "audit need to know who asked for it");
        }
        Map<String, Object> fields = execution.getVariables();
        List<String> problems = validator.problems(fields);
        if (!problems.isEmpty()) {
            throw new BadUserRequestException("Evacuation request refused: " + String.join("; ", problems));
        }
        EvacuationRequest request = new EvacuationRequest(
                (String) fields.get(SUBNET),
                validator.vms(fields),
                (String) fields.get(SOURCE_ENVIRONMENT),
                new HostRef((String) fields.get(TARGET_ENVIRONMENT), (String) fields.get(TARGET_HOST)),
                (String) fields.get(REASON),
                ValidateMigrationRequestListener.optionalInt(fields.get(BANDWIDTH_MIBPS)),
                ValidateMigrationRequestListener.optionalInt(fields.get(MAX_DOWNTIME_MS)),
                Boolean.TRUE.equals(fields.get(AUTO_CONVERGE)),
                ValidateMigrationRequestListener.blackoutMode(fields.get(BLACKOUT_MODE)),
                fields.get(PARALLELISM) == null ? 1 : ValidateMigrationRequestListener.optionalInt(fields.get(PARALLELISM)));
        SealedRequest sealed = SealedEvacuations.seal(request, starter);
        execution.removeVariables(EVACUATION_START_VARIABLES);
        SealedRequests.store(execution, sealed);
        execution.setVariable(REQUEST_SUMMARY, SealedEvacuations.summary(sealed));
        execution.setVariable(EVACUATION_CANCELLED, false);
        execution.setProcessBusinessKey(request.subnet());
        StarterGrants.grantRead(execution.getProcessInstanceId(), starter);
    }
}
