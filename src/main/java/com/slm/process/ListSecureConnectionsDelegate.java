package com.slm.process;

import com.fasterxml.jackson.core.type.TypeReference;
import com.slm.application.ConnectionClassifier;
import com.slm.domain.ObservedConnection;
import com.slm.process.support.AfterTargetStep;
import com.slm.process.support.JsonVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import java.util.List;

import static com.slm.domain.ProcessVariables.*;

/**
 * Block 360: which of the VM's non-managed sessions are already secure: covered by an installed IPsec SA, or on
 * a port configured as TLS-protected. The rest are insecure and go to block 365.
 */
@Component
public class ListSecureConnectionsDelegate extends AfterTargetStep {
    static final TypeReference<List<ObservedConnection>> OBSERVED = new TypeReference<>() {
    };

    private final ConnectionClassifier classifier;

    public ListSecureConnectionsDelegate(ConnectionClassifier classifier) {
        this.classifier = classifier;
    }

    @Override
    protected String step() {
        return "Block 360 (list the connections that are already secure)";
    }

    @Override
    protected void run(DelegateExecution execution) {
        ConnectionClassifier.Verdicts verdicts = classifier.classify(JsonVariables.read(execution, CONNECTIONS, OBSERVED));
        execution.setVariable(SECURE_CONNECTIONS, JsonVariables.json(verdicts.secure()));
        execution.setVariable(INSECURE_CONNECTIONS, JsonVariables.json(verdicts.insecure()));
    }
}
