package com.slm.process.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.slm.domain.BlackoutMode;
import com.slm.domain.EvacuationRequest;
import com.slm.domain.HostRef;
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
        fields.put("subnet", request.subnet());
        fields.put("vmNames", request.vmNames());
        fields.put("sourceEnvironment", request.sourceEnvironment());
        fields.put("target", SealedRequests.host(request.target()));
        fields.put("reason", request.reason());
        fields.put("bandwidthMiBps", request.bandwidthMiBps());
        fields.put("maxDowntimeMs", request.maxDowntimeMs());
        fields.put("autoConverge", request.autoConverge());
        fields.put("blackoutMode", request.blackoutMode().value());
        fields.put("parallelism", request.parallelism());
        fields.put("requestedBy", requestedBy);
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
        r.path("vmNames").forEach(vm -> vms.add(vm.asText()));
        return new EvacuationRequest(
                r.path("subnet").asText(),
                vms,
                r.path("sourceEnvironment").asText(),
                new HostRef(r.path("target").path("environment").asText(), r.path("target").path("host").asText()),
                r.path("reason").asText(),
                r.path("bandwidthMiBps").isIntegralNumber() ? r.path("bandwidthMiBps").intValue() : null,
                r.path("maxDowntimeMs").isIntegralNumber() ? r.path("maxDowntimeMs").intValue() : null,
                r.path("autoConverge").asBoolean(false),
                BlackoutMode.of(r.path("blackoutMode").asText()).orElse(BlackoutMode.STRICT),
                r.path("parallelism").asInt(1));
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
