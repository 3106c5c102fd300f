package com.slm.application;

import com.slm.domain.ClassifiedConnection;
import com.slm.domain.ObservedConnection;
import com.slm.domain.SaDetails;
import com.slm.domain.VmPolicy;
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
        return classify(observed, null);
    }

    /**
     * {@link #classify(List)} for the step that widens the VM's policy itself before the move (the minimal mode's
     * preparation): a session that only this VM's own widening to its peer covers is still insecure. Before the move
     * only an earlier run of that same step widens the policy (a crash after its work, before its commit), and it did
     * so because it found the session insecure; without this rule the replay would find the session secured by that
     * widening, and the switch-over would never reset it.
     */
    public Verdicts classifyBeforeWidening(List<ObservedConnection> observed, VmPolicy policy) {
        return classify(observed, policy);
    }

    private Verdicts classify(List<ObservedConnection> observed, VmPolicy widening) {
        List<ClassifiedConnection> secure = new ArrayList<>();
        List<ClassifiedConnection> insecure = new ArrayList<>();
        for (ObservedConnection connection : observed == null ? List.<ObservedConnection>of() : observed) {
            ClassifiedConnection verdict = classify(connection, widening);
            (verdict.secure() ? secure : insecure).add(verdict);
        }
        return new Verdicts(secure, insecure);
    }

    private ClassifiedConnection classify(ObservedConnection connection, VmPolicy widening) {
        if (rules.tlsProtected(connection.localPort(), connection.remotePort())) {
            return new ClassifiedConnection(connection, true, "TLS-protected port");
        }
        List<SaDetails> sas = ipsec.sasCovering(connection.localAddress(), connection.remoteAddress());
        if (sas.isEmpty()) {
            return new ClassifiedConnection(connection, false, "no IPsec SA and no TLS port covers it");
        }
        // the VM's policy was installed just before: nothing missing with the peer added means its peer SA is up too
        if (widening != null && ipsec.notInstalled(widening, List.of(InsecureSessions.peerOf(connection, widening.vmAddress()))).isEmpty()) {
            return new ClassifiedConnection(connection, false, "only the VM policy's own widening to this peer covers it");
        }
        return new ClassifiedConnection(connection, true, "IPsec SA " + sas.get(0).childSa() + " on " + sas.get(0).gateway());
    }
}
