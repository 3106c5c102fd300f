package com.slm.process.support;

import com.fasterxml.jackson.core.type.TypeReference;
import com.slm.application.InsecureSessions;
import com.slm.domain.ClassifiedConnection;
import com.slm.domain.ConnectionAction;
import org.camunda.bpm.engine.delegate.VariableScope;

import java.util.List;

import static com.slm.domain.ProcessVariables.CONNECTION_ACTIONS;
import static com.slm.domain.ProcessVariables.INSECURE_CONNECTIONS;

/** The insecure sessions and the actions taken on them, as JSON variables (blocks 360-370 and the switch-over). */
public final class SessionVariables {
    static final TypeReference<List<ClassifiedConnection>> CLASSIFIED = new TypeReference<>() {
    };
    static final TypeReference<List<ConnectionAction>> ACTIONS = new TypeReference<>() {
    };

    private SessionVariables() {
    }

    /** The insecure sessions block 360 (or the minimal mode's preparation) found; empty when none. */
    public static List<ClassifiedConnection> insecure(VariableScope scope) {
        List<ClassifiedConnection> insecure = JsonVariables.read(scope, INSECURE_CONNECTIONS, CLASSIFIED);
        return insecure == null ? List.of() : insecure;
    }

    /** Records these actions beside the ones recorded before (see {@link InsecureSessions#merge}). */
    public static void record(VariableScope scope, List<ConnectionAction> actions) {
        scope.setVariable(CONNECTION_ACTIONS, JsonVariables.json(InsecureSessions.merge(actions(scope), actions)));
    }

    /** The peers the VM's policy was widened to, as recorded (none before block 365 or the switch-over). */
    public static List<String> widenedPeers(VariableScope scope) {
        return InsecureSessions.widenedPeers(actions(scope));
    }

    private static List<ConnectionAction> actions(VariableScope scope) {
        List<ConnectionAction> actions = JsonVariables.read(scope, CONNECTION_ACTIONS, ACTIONS);
        return actions == null ? List.of() : actions;
    }
}
