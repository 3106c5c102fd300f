package com.slm.process.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.slm.domain.BlackoutMode;
import com.slm.domain.EvacuationRequest;
import com.slm.domain.RequestAlteredException;
import com.slm.domain.SealedRequest;
import org.camunda.bpm.engine.delegate.VariableScope;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An evacuation's sealed request: the same seal, variables and checks as a single migration's
 * ({@link SealedRequests}: canonical JSON with its SHA-256 digest, approved by digest), with the batch's fields.
 */
public final class SealedEvacuations {
    private SealedEvacuations() {
    }

    public static SealedRequest seal(EvacuationRequest request, String requestedBy) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(SealedRequest.SUBNET, request.subnet());
        fields.put(SealedRequest.VM_NAMES, request.vmNames());
        fields.put(SealedRequest.SOURCE_ENVIRONMENT, request.sourceEnvironment());
        fields.put(SealedRequest.TARGET, SealedRequests.host(request.target()));
        fields.put(SealedRequest.REASON, request.reason());
        fields.put(SealedRequest.BANDWIDTH_MIBPS, request.bandwidthMiBps());
        fields.put(SealedRequest.MAX_DOWNTIME_MS, request.maxDowntimeMs());
        fields.put(SealedRequest.AUTO_CONVERGE, request.autoConverge());
        fields.put(SealedRequest.BLACKOUT_MODE, request.blackoutMode().value());
        fields.put(SealedRequest.PARALLELISM, request.parallelism());
        fields.put(SealedRequest.REQUESTED_BY, requestedBy);
        return SealedRequests.sealFields(fields);
    }

    /** For the pre-checks: the evacuation, provided it still hashes to the digest recorded at start. */
    public static EvacuationRequest beforeApproval(VariableScope scope) {
        return parse(SealedRequests.intactSeal(scope));
    }

    /** For every step after the approval: the evacuation, provided it is exactly the one that was approved. */
    public static EvacuationRequest approved(VariableScope scope) {
        return parse(SealedRequests.approvedSeal(scope));
    }

    public static EvacuationRequest parse(SealedRequest sealed) {
        if (!SealedRequests.isEvacuation(sealed)) {
            throw new RequestAlteredException("Request altered: the sealed request is not an evacuation's");
        }
        JsonNode r = SealedRequests.treeOf(sealed);
        List<String> vms = new ArrayList<>();
        r.path(SealedRequest.VM_NAMES).forEach(vm -> vms.add(vm.asText()));
        return new EvacuationRequest(
                r.path(SealedRequest.SUBNET).asText(),
                vms,
                r.path(SealedRequest.SOURCE_ENVIRONMENT).asText(),
                SealedRequests.hostRef(r.path(SealedRequest.TARGET)),
                r.path(SealedRequest.REASON).asText(),
                SealedRequests.optionalInt(r, SealedRequest.BANDWIDTH_MIBPS),
                SealedRequests.optionalInt(r, SealedRequest.MAX_DOWNTIME_MS),
                r.path(SealedRequest.AUTO_CONVERGE).asBoolean(false),
                BlackoutMode.of(r.path(SealedRequest.BLACKOUT_MODE).asText()).orElse(BlackoutMode.STRICT),
                r.path(SealedRequest.PARALLELISM).asInt(1));
    }

    /** What the approver reads: the batch in plain lines (the digest is shown beside it). */
    public static String summary(SealedRequest sealed) {
        EvacuationRequest r = parse(sealed);
        return "Evacuation of subnet " + r.subnet() + " (" + r.vmNames().size() + " VMs: " + String.join(", ", r.vmNames()) + ")"
                + "\nFrom: " + r.sourceEnvironment()
                + "\nTo: " + r.target().environment() + " / " + r.target().host()
                + "\nRequested by: " + SealedRequests.requestedBy(sealed)
                + "\nReason: " + r.reason()
                + "\nAt most " + r.parallelism() + " at a time"
                + "\nBandwidth limit (MiB/s): " + (r.bandwidthMiBps() == null ? "libvirt default" : r.bandwidthMiBps())
                + "\nMaximum downtime (ms): " + (r.maxDowntimeMs() == null ? "libvirt default" : r.maxDowntimeMs())
                + "\nAuto-converge: " + (r.autoConverge() ? "yes" : "no")
                + "\nBlackout mode: " + r.blackoutMode().value()
                + "\nThis one approval covers each VM's migration; each still runs its own pre-checks and stops on its own.";
    }
}
