package com.slm.process;

import com.slm.process.support.SealedRequests;
import com.slm.config.Ports;
import com.slm.domain.ObservedConnection;
import com.slm.process.support.AfterTargetStep;
import com.slm.process.support.JsonVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import java.util.List;

import static com.slm.domain.ProcessVariables.*;

/** Before block 355: which non-managed sessions between the VM and other entities persist (endpoints only). */
@Component
public class InventoryConnectionsDelegate extends AfterTargetStep {
    private final Ports ports;

    public InventoryConnectionsDelegate(Ports ports) {
        this.ports = ports;
    }

    @Override
    protected String step() {
        return "Inventory of the VM's non-managed connections";
    }

    @Override
    protected void run(DelegateExecution execution) {
        List<ObservedConnection> connections = ports.connections().connectionsOf(
                SealedRequests.approved(execution).vmName(), (String) execution.getVariable(VM_ADDRESS));
        execution.setVariable(CONNECTIONS, JsonVariables.json(connections));
        execution.setVariable(HAS_NON_MANAGED_CONNECTIONS, !connections.isEmpty());
    }
}
