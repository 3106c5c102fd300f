package com.slm.application;

import com.slm.domain.MigrationRequest;
import com.slm.domain.SubnetTunnel;
import com.slm.domain.VmPolicy;
import com.slm.port.IpsecGateway;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * The last check before the VM's traffic flows at the target (block 370, the minimal mode's switch-over): every
 * CHILD_SA it needs is INSTALLED on both gateways (its policy, the peers block 365 added, the subnet tunnel when the
 * whole subnet moved) and the fail-closed guard stands on both hosts. An SA may have gone since it was installed
 * (charon restarted, a rekey failed); with the traffic flowing it would then leave in clear.
 */
@Component
public class SecurePath {
    private final IpsecGateway ipsec;
    private final CleartextGuards guards;

    public SecurePath(IpsecGateway ipsec, CleartextGuards guards) {
        this.ipsec = ipsec;
        this.guards = guards;
    }

    /**
     * What is not in place, as an incident names it; empty when everything is.
     *
     * @param tunnel the subnet tunnel when the whole subnet moved, else {@code null}
     */
    public List<String> missing(MigrationRequest request, VmPolicy policy, List<String> peers, SubnetTunnel tunnel) {
        List<String> missing = new ArrayList<>(ipsec.notInstalled(policy, peers));
        if (tunnel != null) {
            missing.addAll(ipsec.notInstalled(tunnel));
        }
        missing.addAll(guards.missing(request));
        return missing;
    }
}
