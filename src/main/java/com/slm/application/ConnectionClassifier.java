package com.slm.application;

import com.slm.domain.ClassifiedConnection;
import com.slm.domain.ObservedConnection;
import com.slm.domain.SaDetails;
import com.slm.port.IpsecGateway;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Block 360's rule, also applied before the switch-over in the minimal-blackout mode: a session is secure when an
 * installed IPsec SA covers it or it uses a port configured as TLS-protected; the rest are insecure.
 */
@Component
public class ConnectionClassifier {
    private final IpsecGateway ipsec;
    private final ConnectionRules rules;

    public ConnectionClassifier(IpsecGateway ipsec, ConnectionRules rules) {
        this.ipsec = ipsec;
        this.rules = rules;
    }

    public record Verdicts(List<ClassifiedConnection> secure, List<ClassifiedConnection> insecure) {
    }

    public Verdicts classify(List<ObservedConnection> observed) {
        List<ClassifiedConnection> secure = new ArrayList<>();
        List<ClassifiedConnection> insecure = new ArrayList<>();
        for (ObservedConnection connection : observed == null ? List.<ObservedConnection>of() : observed) {
            ClassifiedConnection verdict = classify(connection);
            (verdict.secure() ? secure : insecure).add(verdict);
        }
        return new Verdicts(secure, insecure);
    }

    private ClassifiedConnection classify(ObservedConnection connection) {
        if (rules.tlsProtected(connection.localPort(), connection.remotePort())) {
            return new ClassifiedConnection(connection, true, "TLS-protected port");
        }
        List<SaDetails> sas = ipsec.sasCovering(connection.localAddress(), connection.remoteAddress());
        if (!sas.isEmpty()) {
            return new ClassifiedConnection(connection, true, "IPsec SA " + sas.get(0).childSa() + " on " + sas.get(0).gateway());
        }
        return new ClassifiedConnection(connection, false, "no IPsec SA and no TLS port covers it");
    }
}
