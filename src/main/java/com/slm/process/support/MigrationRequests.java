package com.slm.process.support;

import com.slm.domain.HostRef;
import com.slm.domain.MigrationRequest;
import com.slm.domain.MigrationRequestValidator;
import org.camunda.bpm.engine.delegate.VariableScope;

import static com.slm.process.ProcessVariables.*;

/** Reads the request of a running migration back from its process variables. */
public final class MigrationRequests {
    private MigrationRequests() {
    }

    public static MigrationRequest from(VariableScope scope) {
        return new MigrationRequest(
                (String) scope.getVariable(VM_NAME),
                new HostRef((String) scope.getVariable(SOURCE_ENVIRONMENT), (String) scope.getVariable(SOURCE_HOST)),
                new HostRef((String) scope.getVariable(TARGET_ENVIRONMENT), (String) scope.getVariable(TARGET_HOST)),
                (String) scope.getVariable(REASON),
                optionalInt(scope.getVariable(BANDWIDTH_MIBPS)),
                optionalInt(scope.getVariable(MAX_DOWNTIME_MS)),
                Boolean.TRUE.equals(scope.getVariable(AUTO_CONVERGE)),
                Boolean.TRUE.equals(scope.getVariable(POST_COPY)));
    }

    private static Integer optionalInt(Object value) {
        Long number = value == null ? null : MigrationRequestValidator.asLong(value);
        return number == null ? null : number.intValue();
    }
}
