package com.slm.process.support;

import com.slm.domain.MigrationRequest;
import org.camunda.bpm.engine.delegate.VariableScope;

import static com.slm.process.ProcessVariables.*;

/**
 * Says, from what the steps recorded, where the VM is and what protects its links: the part of an incident
 * message that tells an admin whether anything could leak and what a retry will do.
 */
public final class VmStateReport {
    private VmStateReport() {
    }

    public static String describe(VariableScope scope) {
        MigrationRequest request = SealedRequests.peek(scope);
        String vm = request == null ? "?" : request.vmName();
        String target = request == null ? "the target" : request.target().environment() + "/" + request.target().host();
        boolean resumed = scope.getVariable(VM_RESUMED_AT) != null;
        boolean enabled = scope.getVariable(TRAFFIC_ENABLED_AT) != null;
        boolean policy = scope.getVariable(IPSEC_POLICY_INSTALLED_AT) != null;
        boolean wholeSubnet = Boolean.TRUE.equals(scope.getVariable(WHOLE_SUBNET_MOVED));
        StringBuilder state = new StringBuilder()
                .append("VM '").append(vm).append("' has migrated to ").append(target)
                .append(resumed ? " and runs there" : " and is paused there")
                .append(enabled
                        ? "; its network links are UP, its traffic with the secure environment goes through IPsec"
                        : "; its network links are DOWN (isolated: nothing of its traffic flows, nothing in clear)")
                .append("; IPsec policy ").append(policy ? "installed" : "not yet installed");
        if (wholeSubnet) {
            state.append("; subnet tunnel for ").append(scope.getVariable(VM_SUBNET)).append(' ')
                    .append(scope.getVariable(TUNNEL_REMOVED_AT) != null ? "removed"
                            : scope.getVariable(TUNNEL_ESTABLISHED_AT) != null ? "up" : "not yet set up");
        }
        return state.toString();
    }
}
