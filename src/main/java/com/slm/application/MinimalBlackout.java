package com.slm.application;

import com.slm.domain.ClassifiedConnection;
import com.slm.domain.ConnectionAction;
import com.slm.domain.MigrationRequest;
import com.slm.domain.ObservedConnection;
import com.slm.domain.SaDetails;
import com.slm.domain.VmPolicy;
import com.slm.logging.LogContext;
import com.slm.port.ConnectionInventory;
import com.slm.port.Hypervisor;
import com.slm.port.IpsecGateway;
import com.slm.port.PortException;
import com.slm.port.TrafficSteering;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The minimal-blackout mode's two steps around the live migration: everything that does not need the VM stopped
 * before it ({@link #prepare}), then the switch-over window, as short as it can be ({@link #switchOver}).
 */
@Component
public class MinimalBlackout {
    private final Hypervisor hypervisor;
    private final IpsecGateway ipsec;
    private final ConnectionInventory inventory;
    private final TrafficSteering steering;
    private final ConnectionClassifier classifier;
    private final InsecureSessions sessions;
    private final SecurePath securePath;

    public MinimalBlackout(Hypervisor hypervisor, IpsecGateway ipsec, ConnectionInventory inventory,
                           TrafficSteering steering, ConnectionClassifier classifier, InsecureSessions sessions,
                           SecurePath securePath) {
        this.hypervisor = hypervisor;
        this.ipsec = ipsec;
        this.inventory = inventory;
        this.steering = steering;
        this.classifier = classifier;
        this.sessions = sessions;
        this.securePath = securePath;
    }

    /** What the preparation built and found: the VM's SAs, its sessions and which of them are secure. */
    public record Prepared(List<SaDetails> sas, List<ObservedConnection> observed, ConnectionClassifier.Verdicts verdicts) {
    }

    /**
     * Both environments hold the VM's traffic where it is; then the VM's IPsec policy comes up on both gateways
     * without drawing its traffic, its non-managed sessions are inventoried and classified (blocks 355/360 ahead of
     * time), and the policy is widened to the peers of the insecure ones (block 365's first half).
     */
    public Prepared prepare(MigrationRequest request, VmPolicy policy) {
        // the hold first: the SAs below must not draw the VM's traffic away from where it still runs
        steering.hold(policy.secureEnvironment(), policy.vmAddress());
        steering.hold(policy.targetEnvironment(), policy.vmAddress());
        List<SaDetails> sas = ipsec.installVmPolicy(policy);
        List<ObservedConnection> observed = inventory.connectionsOf(request.vmName(), policy.vmAddress());
        // a replay of this step finds the policy already widened by its first run: classified as that run did
        ConnectionClassifier.Verdicts verdicts = classifier.classifyBeforeWidening(observed, policy);
        sessions.widenPolicy(policy, verdicts.insecure());
        return new Prepared(sas, observed, verdicts);
    }

    /**
     * The VM is paused at the target and gone from the source: check that every SA it needs (its policy, the peers of
     * the insecure sessions found before the move) and the guard are there, else it stays paused; steer its traffic
     * into the policy at both environments, reset those sessions, resume the VM. Returns what was done to the sessions.
     */
    public List<ConnectionAction> switchOver(MigrationRequest request, VmPolicy policy, List<ClassifiedConnection> insecure) {
        List<String> missing = securePath.missing(request, policy, InsecureSessions.peers(policy.vmAddress(), insecure), null);
        if (!missing.isEmpty()) {
            throw new PortException("VM '" + request.vmName() + "' stays paused at " + request.target()
                    + ": not in place: " + String.join(", ", missing), true);
        }
        steer(policy);
        List<ConnectionAction> actions = sessions.reset(request.vmName(), policy.vmAddress(), insecure);
        hypervisor.resumeAtTarget(request);
        return actions;
    }

    /** Both environments at once: the VM waits paused for the slower one, not for the sum. */
    private void steer(VmPolicy policy) {
        LogContext.bothAtOnce(() -> {
            steering.steer(policy.secureEnvironment(), policy.vmAddress());
            return null;
        }, () -> {
            steering.steer(policy.targetEnvironment(), policy.vmAddress());
            return null;
        });
    }
}
