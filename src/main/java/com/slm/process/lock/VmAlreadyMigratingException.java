package com.slm.process.lock;

import org.camunda.bpm.engine.ProcessEngineException;

/**
 * A second migration of a VM was started while one is active. The message names the VM and the running instance,
 * so whoever tried knows which migration to wait for (the HTTP edge answers it with 409).
 */
public class VmAlreadyMigratingException extends ProcessEngineException {
    private final String vmName;
    private final String runningInstanceId;

    public VmAlreadyMigratingException(String vmName, String runningInstanceId) {
        super(message(vmName, runningInstanceId));
        this.vmName = vmName;
        this.runningInstanceId = runningInstanceId;
    }

    public static String message(String vmName, String runningInstanceId) {
        return "VM '" + vmName + "' is already being migrated by process instance "
                + (runningInstanceId == null ? "(unknown: it started at the same moment)" : runningInstanceId)
                + ": one migration per VM at a time; wait until that one ends";
    }

    public String vmName() {
        return vmName;
    }

    public String runningInstanceId() {
        return runningInstanceId;
    }
}
