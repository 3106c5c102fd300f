package com.slm.process;

import com.fasterxml.jackson.core.type.TypeReference;
import com.slm.config.Ports;
import com.slm.config.SlmProperties;
import com.slm.domain.ClassifiedConnection;
import com.slm.domain.ObservedConnection;
import com.slm.domain.SaDetails;
import com.slm.process.support.AfterTargetStep;
import com.slm.process.support.JsonVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

import static com.slm.process.ProcessVariables.*;

/**
 * Block 360: which of the VM's non-managed sessions are already secure: covered by an installed IPsec SA, or on
 * a port configured as TLS-protected. The rest are insecure and go to block 365.
 */
@Component
public class ListSecureConnectionsDelegate extends AfterTargetStep {
    static final TypeReference<List<ObservedConnection>> OBSERVED = new TypeReference<>() {
    };

    private final Ports ports;
    private final SlmProperties.Connections settings;

    public ListSecureConnectionsDelegate(Ports ports, SlmProperties properties) {
        this.ports = ports;
        this.settings = properties.connections();
    }

    @Override
    protected String step() {
        return "Block 360 (list the connections that are already secure)";
    }

    @Override
    protected void run(DelegateExecution execution) {
        List<ObservedConnection> observed = JsonVariables.read(execution, CONNECTIONS, OBSERVED);
        List<ClassifiedConnection> secure = new ArrayList<>();
        List<ClassifiedConnection> insecure = new ArrayList<>();
        for (ObservedConnection connection : observed == null ? List.<ObservedConnection>of() : observed) {
            ClassifiedConnection verdict = classify(connection);
            (verdict.secure() ? secure : insecure).add(verdict);
        }
        execution.setVariable(SECURE_CONNECTIONS, JsonVariables.json(secure));
        execution.setVariable(INSECURE_CONNECTIONS, JsonVariables.json(insecure));
    }

    private ClassifiedConnection classify(ObservedConnection connection) {
        if (settings.tlsPorts().contains(connection.localPort()) || settings.tlsPorts().contains(connection.remotePort())) {
            return new ClassifiedConnection(connection, true, "TLS-protected port");
        }
        List<SaDetails> sas = ports.ipsec().sasCovering(connection.localAddress(), connection.remoteAddress());
        if (!sas.isEmpty()) {
            return new ClassifiedConnection(connection, true, "IPsec SA " + sas.get(0).childSa() + " on " + sas.get(0).gateway());
        }
        return new ClassifiedConnection(connection, false, "no IPsec SA and no TLS port covers it");
    }
}
