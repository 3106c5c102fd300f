package com.slm.process.support;

import org.camunda.bpm.engine.ProcessEngineException;

/** A step failed after the VM reached the target: its message becomes the incident an admin reads in Cockpit. */
public class StepFailedException extends ProcessEngineException {
    public StepFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
