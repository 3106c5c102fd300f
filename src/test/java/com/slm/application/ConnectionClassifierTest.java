package com.slm.application;

import com.slm.domain.ClassifiedConnection;
import com.slm.domain.ObservedConnection;
import com.slm.domain.SaDetails;
import com.slm.port.IpsecGateway;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Block 360's rule: secure when a TLS port or an installed SA covers the session, insecure otherwise. */
class ConnectionClassifierTest {
    private static final ObservedConnection HTTPS = new ObservedConnection("tcp", "192.0.2.11", 443, "198.51.100.7", 50000, "ESTAB");
    private static final ObservedConnection DB = new ObservedConnection("tcp", "192.0.2.11", 40000, "192.0.2.10", 5432, "ESTAB");
    private static final ObservedConnection TELNET = new ObservedConnection("tcp", "192.0.2.11", 23, "198.51.100.10", 50001, "ESTAB");

    private final IpsecGateway ipsec = mock(IpsecGateway.class);
    private final ConnectionClassifier classifier = new ConnectionClassifier(ipsec, new ConnectionRules(List.of(443), true));

    @Test
    void tlsPortsAndCoveringSasAreSecureTheRestIsNot() {
        when(ipsec.sasCovering("192.0.2.11", "192.0.2.10")).thenReturn(List.of(new SaDetails("secure", "ike-1", "slm-vm-app",
                "INSTALLED", "c1", "c2", "AES_GCM_16_256", List.of("192.0.2.11/32"), List.of("192.0.2.0/26"), 0, 0)));

        ConnectionClassifier.Verdicts verdicts = classifier.classify(List.of(HTTPS, DB, TELNET));

        assertThat(verdicts.secure()).extracting(ClassifiedConnection::connection).containsExactly(HTTPS, DB);
        assertThat(verdicts.secure()).extracting(ClassifiedConnection::reason)
                .containsExactly("TLS-protected port", "IPsec SA slm-vm-app on secure");
        assertThat(verdicts.insecure()).extracting(ClassifiedConnection::connection).containsExactly(TELNET);
    }

    @Test
    void noSessionsNoVerdicts() {
        assertThat(classifier.classify(null).secure()).isEmpty();
        assertThat(classifier.classify(List.of()).insecure()).isEmpty();
    }
}
