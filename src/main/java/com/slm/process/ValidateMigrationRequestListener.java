package com.slm.process;

import com.slm.domain.MigrationRequestValidator;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Block 310's start listener: the engine-side copy of the start form's validation. It runs in the start
 * transaction (the first service task is asynchronous), so a refused request leaves no process instance behind.
 */
@Component
public class ValidateMigrationRequestListener implements ExecutionListener {
    private final MigrationRequestValidator validator;

    public ValidateMigrationRequestListener(MigrationRequestValidator validator) {
        this.validator = validator;
    }

    @Override
    public void notify(DelegateExecution execution) {
        List<String> problems = validator.problems(execution.getVariables());
        if (!problems.isEmpty()) {
            throw new FormFieldValidationException("migrationRequest",
                    "Migration request refused: " + String.join("; ", problems));
        }
    }
}
