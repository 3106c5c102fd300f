package com.slm.bench;

import com.slm.domain.CheckResult;
import com.slm.domain.SaDetails;
import com.slm.domain.SubnetTunnel;
import com.slm.domain.VmPolicy;
import com.slm.port.IpsecGateway;

import java.util.List;

/** An IPsec gateway whose every SA is up at once; stateless like {@link InstantHypervisor}. */
final class InstantIpsecGateway implements IpsecGateway {
    private final PortCalls calls;

    InstantIpsecGateway(PortCalls calls) {
        this.calls = calls;
    }

    @Override
    public CheckResult probe(String environment) {
        return CheckResult.pass("ipsec-" + environment, "instant double");
    }

    @Override
    public List<SaDetails> installVmPolicy(VmPolicy policy) {
        calls.record("installVmPolicy", policy.name());
        return installed(policy.name(), policy.vmAddress() + "/32", policy.secureSubnets());
    }

    @Override
    public List<SaDetails> extendVmPolicy(VmPolicy policy, String peerAddress) {
        calls.record("extendVmPolicy", policy.name() + "->" + peerAddress);
        return installed(policy.name(), policy.vmAddress() + "/32", List.of(peerAddress + "/32"));
    }

    @Override
    public List<SaDetails> establishSubnetTunnel(SubnetTunnel tunnel) {
        calls.record("establishSubnetTunnel", tunnel.name());
        return installed(tunnel.name(), tunnel.subnet(), List.of(tunnel.subnet()));
    }

    @Override
    public void removeVmPolicy(VmPolicy policy) {
        calls.record("removeVmPolicy", policy.name());
    }

    @Override
    public void removeSubnetTunnel(SubnetTunnel tunnel) {
        calls.record("removeSubnetTunnel", tunnel.name());
    }

    @Override
    public List<String> notInstalled(VmPolicy policy, List<String> peerAddresses) {
        return List.of();
    }

    @Override
    public List<String> notInstalled(SubnetTunnel tunnel) {
        return List.of();
    }

    @Override
    public List<SaDetails> sasCovering(String localAddress, String remoteAddress) {
        return List.of();
    }

    /** One CHILD_SA, as the strongSwan adapter reports it (the SPIs are the same for all: nobody reads them here). */
    private static List<SaDetails> installed(String name, String local, List<String> remote) {
        return List.of(new SaDetails("secure", name + "-ike", name, "INSTALLED", "0000beef", "0000cafe",
                "AES_GCM_16-256", List.of(local), remote, 0, 0));
    }
}
