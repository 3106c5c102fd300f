package com.slm.process;

import com.slm.domain.ObservedConnection;
import com.slm.port.ConnectionInventory;
import com.slm.process.support.AfterTargetStep;
import com.slm.process.support.JsonVariables;
import com.slm.process.support.SealedRequests;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import java.util.List;

import static com.slm.domain.ProcessVariables.*;

/** Before block 355: which non-managed sessions between the VM and other entities persist (endpoints only). */
@Component
public class InventoryConnectionsDelegate extends AfterTargetStep {
    private final ConnectionInventory inventory;

    public InventoryConnectionsDelegate(ConnectionInventory inventory) {
        this.inventory = inventory;
    }

    @Override
    protected String step() {
        return "Inventory of the VM's non-managed connections";
    }

    @Override
    protected void run(DelegateExecution execution) {
        List<ObservedConnection> connections = inventory.connectionsOf(
                SealedRequests.approved(execution).vmName(), (String) execution.getVariable(VM_ADDRESS));
        execution.setVariable(CONNECTIONS, JsonVariables.json(connections));
        execution.setVariable(HAS_NON_MANAGED_CONNECTIONS, !connections.isEmpty());
    }
}
