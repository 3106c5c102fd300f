package com.slm.process;

import com.slm.domain.BlackoutMode;
import com.slm.domain.HostRef;
import com.slm.domain.MigrationRequest;
import com.slm.domain.MigrationRequestValidator;
import com.slm.domain.SealedRequest;
import com.slm.process.lock.VmMigrationLocks;
import com.slm.process.support.Evacuations;
import com.slm.process.support.SealedRequests;
import com.slm.process.support.StarterGrants;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.slm.domain.ProcessVariables.*;

/**
 * Block 310's start listener: validates the request (a closed list of fields, one set of rules with the forms),
 * then seals it: the fields become one JSON variable with its SHA-256 digest, and the loose fields are removed, so
 * no step can read a value that was never validated. It runs in the start transaction (the first service task is
 * asynchronous), so a refused request leaves no process instance behind. It also takes the VM's migration lock
 * (one migration per VM at a time), released by the process's end listener. A migration is always somebody's: the
 * starter is the engine's authenticated user, and gets read access to this instance alone. A migration an evacuation
 * started (its call activity, under no user) is the evacuation requester's, as the approved batch seal names them.
 */
@Component
public class ValidateMigrationRequestListener implements ExecutionListener {
    private final MigrationRequestValidator validator;
    private final VmMigrationLocks locks;

    public ValidateMigrationRequestListener(MigrationRequestValidator validator, VmMigrationLocks locks) {
        this.validator = validator;
        this.locks = locks;
    }

    @Override
    public void notify(DelegateExecution execution) {
        // A migration of an evacuation is the evacuation requester's (sealed in the batch, which was approved);
        // any other is the engine's authenticated user's.
        Optional<ExecutionEntity> evacuation = Evacuations.callerOf(execution);
        String starter = evacuation.isPresent()
                ? SealedRequests.requestedBy(SealedRequests.approvedSeal(evacuation.get()))
                : Context.getCommandContext().getAuthenticatedUserId();
        if (starter == null) {
            throw new AuthorizationException("A migration must be started by a logged-in user: four eyes and the "
                    + "audit need to know who asked for it");
        }
        Map<String, Object> fields = execution.getVariables();
        List<String> problems = validator.problems(fields);
        if (!problems.isEmpty()) {
            throw new BadUserRequestException("Migration request refused: " + String.join("; ", problems));
        }
        String vm = (String) fields.get(VM_NAME);
        // One migration per VM: taken in this (the start) transaction, so a refused start leaves no lock behind.
        locks.acquire(vm, execution.getProcessInstanceId());
        SealedRequest sealed = SealedRequests.seal(request(fields), starter);
        execution.removeVariables(START_VARIABLES);
        SealedRequests.store(execution, sealed);
        execution.setVariable(REQUEST_SUMMARY, SealedRequests.summary(sealed));
        // The VM's name keys the migration in lists and for the hypervisor's events; whatever the caller sent is replaced.
        execution.setProcessBusinessKey(vm);
        StarterGrants.grantRead(execution.getProcessInstanceId(), starter);
        evacuation.ifPresent(e -> execution.setVariable(EVACUATION_ID, e.getId()));
    }

    private static MigrationRequest request(Map<String, Object> fields) {
        return new MigrationRequest(
                (String) fields.get(VM_NAME),
                new HostRef((String) fields.get(SOURCE_ENVIRONMENT), (String) fields.get(SOURCE_HOST)),
                new HostRef((String) fields.get(TARGET_ENVIRONMENT), (String) fields.get(TARGET_HOST)),
                (String) fields.get(REASON),
                optionalInt(fields.get(BANDWIDTH_MIBPS)),
                optionalInt(fields.get(MAX_DOWNTIME_MS)),
                Boolean.TRUE.equals(fields.get(AUTO_CONVERGE)),
                blackoutMode(fields.get(BLACKOUT_MODE)));
    }

    /** A validated mode field: absent means the patent's order. */
    static BlackoutMode blackoutMode(Object value) {
        return value == null ? BlackoutMode.STRICT : BlackoutMode.of((String) value).orElseThrow();
    }

    static Integer optionalInt(Object value) {
        Long number = value == null ? null : MigrationRequestValidator.asLong(value);
        return number == null ? null : number.intValue();
    }
}
