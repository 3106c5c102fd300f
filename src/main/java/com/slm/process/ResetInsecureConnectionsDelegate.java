package com.slm.process;

import com.fasterxml.jackson.core.type.TypeReference;
import com.slm.config.Environments;
import com.slm.config.Ports;
import com.slm.config.SlmProperties;
import com.slm.domain.ClassifiedConnection;
import com.slm.domain.ConnectionAction;
import com.slm.domain.ObservedConnection;
import com.slm.domain.VmPolicy;
import com.slm.port.PortException;
import com.slm.process.support.AfterTargetStep;
import com.slm.process.support.JsonVariables;
import com.slm.process.support.Policies;
import com.slm.process.support.SealedRequests;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static com.slm.process.ProcessVariables.*;

/**
 * Block 365: each insecure session is reset, and can only come back secured: first the VM's IPsec policy is
 * widened to the peer (so the reconnect after block 370 travels through an SA), then the session is reset. Both
 * halves are idempotent, so a retry redoes nothing that is done.
 */
@Component
public class ResetInsecureConnectionsDelegate extends AfterTargetStep {
    static final TypeReference<List<ClassifiedConnection>> CLASSIFIED = new TypeReference<>() {
    };

    private final Ports ports;
    private final Environments environments;
    private final SlmProperties.Connections settings;

    public ResetInsecureConnectionsDelegate(Ports ports, Environments environments, SlmProperties properties) {
        this.ports = ports;
        this.environments = environments;
        this.settings = properties.connections();
    }

    @Override
    protected String step() {
        return "Block 365 (reset insecure connections and re-establish them secured)";
    }

    @Override
    protected void run(DelegateExecution execution) {
        String vm = SealedRequests.approved(execution).vmName();
        String vmAddress = (String) execution.getVariable(VM_ADDRESS);
        List<ClassifiedConnection> insecure = JsonVariables.read(execution, INSECURE_CONNECTIONS, CLASSIFIED);
        VmPolicy policy = Policies.vmPolicy(execution, environments);
        Set<String> extended = new LinkedHashSet<>();
        List<ConnectionAction> actions = new ArrayList<>();
        for (ClassifiedConnection item : insecure == null ? List.<ClassifiedConnection>of() : insecure) {
            ObservedConnection connection = item.connection();
            String peer = vmAddress.equals(connection.localAddress()) ? connection.remoteAddress() : connection.localAddress();
            if (!settings.extendPolicyToPeers()) {
                throw new PortException("session " + connection.describe() + " to " + peer + " cannot be secured: "
                        + "slm.connections.extend-policy-to-peers is false", false);
            }
            if (extended.add(peer)) {
                ports.ipsec().extendVmPolicy(policy, peer);
            }
            boolean reset = ports.connections().reset(vm, connection);
            actions.add(new ConnectionAction(connection.describe(), peer, true, reset,
                    "IPsec policy extended to " + peer + "; " + (reset ? "session reset" : "session already gone")));
        }
        execution.setVariable(CONNECTION_ACTIONS, JsonVariables.json(actions));
    }
}
