package com.slm.process.guard;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.ProcessInstanceModificationBuilderImpl;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;

/**
 * A start by a non-admin: plain (no start instructions, no skipped listeners or input/output mappings, which would
 * skip the validation, the seal, the pre-checks or the approval) and with plain values only. The closed list of
 * request fields and their rules are the start listener's, which every start passes through.
 */
public class StartCheck {

    boolean applies(Command<?> command) {
        return command instanceof StartProcessInstanceCmd || command instanceof StartProcessInstanceAtActivitiesCmd
                || command instanceof SubmitStartFormCmd;
    }

    void check(Command<?> command) {
        if (command instanceof StartProcessInstanceAtActivitiesCmd) {
            throw refused("start instructions");
        }
        if (command instanceof SubmitStartFormCmd) {
            CommandFields.requirePlainValues(CommandFields.variables(command, "variables"), "Start");
            return;
        }
        ProcessInstantiationBuilderImpl builder = (ProcessInstantiationBuilderImpl) CommandFields.read(command, "instantiationBuilder");
        ProcessInstanceModificationBuilderImpl modification = builder.getModificationBuilder();
        if (modification != null) {
            if (!modification.getModificationOperations().isEmpty()) {
                throw refused("start instructions");
            }
            if (modification.isSkipCustomListeners()) {
                throw refused("skipCustomListeners");
            }
            if (modification.isSkipIoMappings()) {
                throw refused("skipIoMappings");
            }
        }
        CommandFields.requirePlainValues(builder.getVariables(), "Start");
    }

    private static AuthorizationException refused(String what) {
        return new AuthorizationException("A start with " + what + " is refused: only admins (camunda-admin) may "
                + "start a migration anywhere but at its beginning; every request goes through validation, "
                + "pre-checks and approval");
    }
}
