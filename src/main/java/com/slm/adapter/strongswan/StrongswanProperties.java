package com.slm.adapter.strongswan;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Settings of the IPsec adapter ({@code slm.strongswan}): one IKE gateway per environment, reached over its VICI
 * socket. Credentials are named by file path only; the adapter reads them and hands them to charon over VICI,
 * so no key ever sits in a setting, a process variable or a log.
 */
@ConfigurationProperties("slm.strongswan")
public record StrongswanProperties(
        Map<String, Gateway> gateways,
        @DefaultValue("aes256-sha256") List<String> espProposals,
        @DefaultValue("aes256-sha256-modp2048") List<String> ikeProposals,
        @DefaultValue("true") boolean udpEncapsulation,
        @DefaultValue("PT10S") Duration callTimeout,
        @DefaultValue("PT30S") Duration establishTimeout) {

    public StrongswanProperties {
        gateways = gateways == null ? Map.of() : Map.copyOf(gateways);
    }

    /**
     * One environment's gateway.
     *
     * @param viciSocket     charon's VICI socket ({@code /path} or {@code unix:///path} or {@code tcp://host:port})
     * @param address        its address on the network between the environments (IKE endpoint)
     * @param identity       its IKE identity (the certificate's subject DN, or any ID with a PSK)
     * @param certificate    PEM file of its certificate (x509 authentication, preferred)
     * @param privateKey     PEM file of its private key (read by the adapter, loaded into charon over VICI)
     * @param caCertificate  PEM file of the CA that signs both gateways' certificates
     * @param pskFile        a file holding the pre-shared key, when certificates are not used
     * @param updown         the site's updown hook for charon, if its network needs one
     * @param prepareHook    a command the adapter runs, if the gateway's IPsec stack needs the site prepared
     *                       before a CHILD_SA comes up: {@code HOOK... prepare LOCAL_TS...} before the initiation,
     *                       {@code HOOK... settle LOCAL_TS...} after it (for example kernel-libipsec, which installs
     *                       an SA only while the gateway owns an address inside the local selector). None on hosts
     *                       with kernel ESP.
     */
    public record Gateway(String viciSocket, String address, String identity, String certificate, String privateKey,
                          String caCertificate, String pskFile, String updown, List<String> prepareHook) {
        public Gateway {
            prepareHook = prepareHook == null ? List.of() : List.copyOf(prepareHook);
        }
    }
}
