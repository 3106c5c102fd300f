package com.slm.application;

import com.slm.domain.ClassifiedConnection;
import com.slm.domain.ConnectionAction;
import com.slm.domain.ObservedConnection;
import com.slm.domain.VmPolicy;
import com.slm.port.ConnectionInventory;
import com.slm.port.IpsecGateway;
import com.slm.port.PortException;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Block 365's two halves: widen the VM's IPsec policy to the peer of each insecure session (so its reconnect can
 * only travel through an SA), then reset the session. The patent's order does both after the move; the
 * minimal-blackout mode widens before the move and resets at the switch-over. Both halves are idempotent.
 */
@Component
public class InsecureSessions {
    private final IpsecGateway ipsec;
    private final ConnectionInventory inventory;
    private final ConnectionRules rules;

    public InsecureSessions(IpsecGateway ipsec, ConnectionInventory inventory, ConnectionRules rules) {
        this.ipsec = ipsec;
        this.inventory = inventory;
        this.rules = rules;
    }

    /** Widens the policy to each session's peer once; refuses when the setting forbids securing sessions. */
    public Set<String> widenPolicy(VmPolicy policy, List<ClassifiedConnection> insecure) {
        Set<String> peers = new LinkedHashSet<>();
        for (ClassifiedConnection item : insecure) {
            String peer = peerOf(item.connection(), policy.vmAddress());
            if (!rules.extendPolicyToPeers()) {
                throw new PortException("session " + item.connection().describe() + " to " + peer + " cannot be secured: "
                        + "slm.connections.extend-policy-to-peers is false", false);
            }
            if (peers.add(peer)) {
                ipsec.extendVmPolicy(policy, peer);
            }
        }
        return peers;
    }

    /** Resets each session (already gone counts as done); what was done, as the audit reads it. */
    public List<ConnectionAction> reset(String vmName, String vmAddress, List<ClassifiedConnection> insecure) {
        List<ConnectionAction> actions = new ArrayList<>();
        for (ClassifiedConnection item : insecure) {
            ObservedConnection connection = item.connection();
            String peer = peerOf(connection, vmAddress);
            boolean reset = inventory.reset(vmName, connection);
            actions.add(new ConnectionAction(connection.describe(), peer, true, reset,
                    "IPsec policy extended to " + peer + "; " + (reset ? "session reset" : "session already gone")));
        }
        return actions;
    }

    /**
     * These actions beside the ones recorded before (the switch-over's, then block 365's pass): an action on the same
     * session and peer replaces the older one, so a retry records nothing twice and block 370 still checks every peer
     * the policy was widened to.
     */
    public static List<ConnectionAction> merge(List<ConnectionAction> before, List<ConnectionAction> actions) {
        Map<String, ConnectionAction> all = new LinkedHashMap<>();
        before.forEach(action -> all.put(action.connection() + " " + action.peer(), action));
        actions.forEach(action -> all.put(action.connection() + " " + action.peer(), action));
        return new ArrayList<>(all.values());
    }

    /** The peers the VM's policy was widened to, as these actions record it. */
    public static List<String> widenedPeers(List<ConnectionAction> actions) {
        return actions.stream().filter(ConnectionAction::policyExtended).map(ConnectionAction::peer).distinct().toList();
    }

    /** The distinct peers of these sessions, seen from the VM. */
    public static List<String> peers(String vmAddress, List<ClassifiedConnection> insecure) {
        return insecure.stream().map(item -> peerOf(item.connection(), vmAddress)).distinct().toList();
    }

    /** The session's end that is not the VM. */
    static String peerOf(ObservedConnection connection, String vmAddress) {
        return vmAddress.equals(connection.localAddress()) ? connection.remoteAddress() : connection.localAddress();
    }
}
