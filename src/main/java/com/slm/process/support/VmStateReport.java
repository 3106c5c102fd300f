package com.slm.process.support;

import com.slm.domain.BlackoutMode;
import com.slm.domain.EvacuationRequest;
import com.slm.domain.MigrationRequest;
import com.slm.domain.SealedRequest;
import org.camunda.bpm.engine.delegate.VariableScope;

import java.util.function.Function;

import static com.slm.domain.ProcessVariables.*;

/**
 * Says, from what the steps recorded, where the VM is and what protects its links: the part of an incident
 * message that tells an admin whether anything could leak and what a retry will do.
 */
public final class VmStateReport {
    private VmStateReport() {
    }

    public static String describe(VariableScope scope) {
        SealedRequest sealed = SealedRequests.stored(scope);
        if (sealed != null && sealed.intact() && SealedRequests.isEvacuation(sealed)) {
            return describeEvacuation(SealedEvacuations.parse(sealed), scope::getVariable);
        }
        return describe(SealedRequests.peek(scope), scope::getVariable);
    }

    /** An evacuation's state after its migrations: each VM is secured by its own migration, the subnet tunnel here. */
    static String describeEvacuation(EvacuationRequest request, Function<String, Object> variables) {
        Object summary = variables.apply(EVACUATION_SUMMARY);
        return "Evacuation of subnet " + request.subnet() + " to " + request.target().environment() + "/"
                + request.target().host() + ": every VM's migration has ended"
                + (summary == null ? "" : " (" + summary.toString().replace('\n', ';') + ")")
                + "; each VM that moved runs there behind its own IPsec policy (see its migration); subnet tunnel "
                + (variables.apply(TUNNEL_REMOVED_AT) != null ? "removed"
                : variables.apply(TUNNEL_ESTABLISHED_AT) != null ? "up" : "not set up");
    }

    /**
     * The same from recorded variables (by name), for readers outside a running step such as the operators'
     * migrations page, which shows the state as it is now, not as it was when the incident was raised.
     */
    public static String describe(MigrationRequest request, Function<String, Object> variables) {
        String vm = request == null ? "?" : request.vmName();
        String target = request == null ? "the target" : request.target().environment() + "/" + request.target().host();
        boolean resumed = variables.apply(VM_RESUMED_AT) != null;
        boolean enabled = variables.apply(TRAFFIC_ENABLED_AT) != null;
        boolean policy = variables.apply(IPSEC_POLICY_INSTALLED_AT) != null;
        boolean minimal = request != null && request.blackoutMode() == BlackoutMode.MINIMAL && !resumed;
        boolean wholeSubnet = Boolean.TRUE.equals(variables.apply(WHOLE_SUBNET_MOVED));
        StringBuilder state = new StringBuilder()
                .append("VM '").append(vm).append("' has migrated to ").append(target)
                .append(resumed ? " and runs there" : " and is paused there")
                .append(enabled
                        ? "; its network links are UP, its traffic with the secure environment goes through IPsec"
                        : minimal
                        ? "; its network links are UP but it does not run (minimal-blackout mode: the fail-closed guard drops whatever its SAs do not carry, nothing in clear)"
                        : "; its network links are DOWN (isolated: nothing of its traffic flows, nothing in clear)")
                .append("; IPsec policy ").append(policy ? "installed" : "not yet installed");
        if (wholeSubnet) {
            state.append("; subnet tunnel for ").append(variables.apply(VM_SUBNET)).append(' ')
                    .append(variables.apply(TUNNEL_REMOVED_AT) != null ? "removed"
                            : variables.apply(TUNNEL_ESTABLISHED_AT) != null ? "up" : "not yet set up");
        }
        return state.toString();
    }
}
