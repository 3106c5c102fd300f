package com.slm.process.guard;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.variable.value.TypedValue;

import java.util.Map;
import java.util.TreeSet;

import static com.slm.domain.ProcessVariables.APPROVAL_COMMENT;
import static com.slm.domain.ProcessVariables.APPROVAL_DECISION;
import static com.slm.domain.ProcessVariables.APPROVAL_VARIABLES;

/**
 * Completing a task (the model's only user task is the approval) carries the decision and, optionally, a comment:
 * nothing else, so an approver cannot rewrite the request or the facts the steps computed on the way.
 */
public class CompletionCheck {
    static final int MAX_COMMENT = 500;

    boolean applies(Command<?> command) {
        return command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd;
    }

    void check(Command<?> command) {
        Map<String, Object> variables = CommandFields.variables(command,
                command instanceof SubmitTaskFormCmd ? "properties" : "variables");
        TreeSet<String> unknown = new TreeSet<>(variables.keySet());
        unknown.removeAll(APPROVAL_VARIABLES);
        if (!unknown.isEmpty()) {
            throw refused("Approval refused: it takes only " + new TreeSet<>(APPROVAL_VARIABLES)
                    + ", not " + unknown);
        }
        try {
            CommandFields.requirePlainValues(variables, "Approval");
        } catch (RuntimeException e) {
            throw refused(e.getMessage());
        }
        Object decision = plain(variables.get(APPROVAL_DECISION));
        if (!"approve".equals(decision) && !"reject".equals(decision)) {
            throw refused("Approval refused: " + APPROVAL_DECISION + " must be 'approve' or 'reject'");
        }
        Object comment = plain(variables.get(APPROVAL_COMMENT));
        if (comment != null && (!(comment instanceof String text) || text.length() > MAX_COMMENT)) {
            throw refused("Approval refused: " + APPROVAL_COMMENT + " must be text of at most "
                    + MAX_COMMENT + " characters");
        }
    }

    /** The REST API answers a form validation failure with 400 (other engine exceptions become 500). */
    private static FormFieldValidationException refused(String message) {
        return new FormFieldValidationException(APPROVAL_DECISION, message);
    }

    private static Object plain(Object value) {
        return value instanceof TypedValue typed ? typed.getValue() : value;
    }
}
