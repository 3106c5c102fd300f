package com.slm.process.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slm.domain.BlackoutMode;
import com.slm.domain.HostRef;
import com.slm.domain.MigrationRequest;
import com.slm.domain.RequestAlteredException;
import com.slm.domain.SealedRequest;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;

import java.util.LinkedHashMap;
import java.util.Map;

import static com.slm.domain.ProcessVariables.APPROVED_DIGEST;
import static com.slm.domain.ProcessVariables.MIGRATION_REQUEST;
import static com.slm.domain.ProcessVariables.REQUEST_DIGEST;

/**
 * The one place that writes and reads a migration's sealed request ({@code migrationRequest}, a JSON variable,
 * and {@code requestDigest}). Steps read the request only through {@link #beforeApproval} (pre-checks) or
 * {@link #approved} (everything that changes the world), which refuse a request that was altered.
 */
public final class SealedRequests {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SealedRequests() {
    }

    /** A validated request and the engine's record of who started it, as canonical JSON with its digest. */
    public static SealedRequest seal(MigrationRequest request, String requestedBy) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(SealedRequest.VM_NAME, request.vmName());
        fields.put(SealedRequest.SOURCE, host(request.source()));
        fields.put(SealedRequest.TARGET, host(request.target()));
        fields.put(SealedRequest.REASON, request.reason());
        fields.put(SealedRequest.BANDWIDTH_MIBPS, request.bandwidthMiBps());
        fields.put(SealedRequest.MAX_DOWNTIME_MS, request.maxDowntimeMs());
        fields.put(SealedRequest.AUTO_CONVERGE, request.autoConverge());
        fields.put(SealedRequest.BLACKOUT_MODE, request.blackoutMode().value());
        fields.put(SealedRequest.REQUESTED_BY, requestedBy);
        return sealFields(fields);
    }

    public static void store(VariableScope scope, SealedRequest sealed) {
        scope.setVariable(MIGRATION_REQUEST, SpinValues.jsonValue(sealed.json()).create());
        scope.setVariable(REQUEST_DIGEST, sealed.digest());
    }

    /** The sealed request as stored, or {@code null} when the instance has none. */
    public static SealedRequest stored(VariableScope scope) {
        TypedValue json = scope.getVariableTyped(MIGRATION_REQUEST, false);
        Object digest = scope.getVariable(REQUEST_DIGEST);
        if (json == null || !(digest instanceof String text)) {
            return null;
        }
        Object serialized = json instanceof SerializableValue s
                ? s.getValueSerialized() : json.getValue();
        return serialized instanceof String s ? new SealedRequest(s, text) : null;
    }

    /** For pre-checks: the request, provided it still hashes to the digest recorded at start. */
    public static MigrationRequest beforeApproval(VariableScope scope) {
        return parse(intact(scope));
    }

    /** The sealed text, provided it still hashes to the digest recorded at start (before the approval). */
    public static SealedRequest intactSeal(VariableScope scope) {
        return intact(scope);
    }

    /** For every step after the approval: the request, provided it is exactly the one that was approved. */
    public static MigrationRequest approved(VariableScope scope) {
        return parse(approvedSeal(scope));
    }

    /**
     * The sealed text itself, provided it still hashes to its digest and is exactly the one that was approved: for
     * requests of another shape (an evacuation's, see {@link SealedEvacuations}), which share the seal and its checks.
     */
    public static SealedRequest approvedSeal(VariableScope scope) {
        SealedRequest sealed = intact(scope);
        Object approved = scope.getVariable(APPROVED_DIGEST);
        if (!(approved instanceof String digest) || !digest.equals(sealed.digest())) {
            throw new RequestAlteredException("Request altered: the sealed request (digest " + sealed.digest()
                    + ") is not the one that was approved (" + (approved == null ? "no approval recorded" : "digest " + approved)
                    + "). Nothing was done by this step; cancel this migration and start a new request.");
        }
        return sealed;
    }

    /** Who started the migration, as sealed at start (the engine's authenticated user). */
    public static String requestedBy(SealedRequest sealed) {
        return tree(sealed).path(SealedRequest.REQUESTED_BY).asText(null);
    }

    /** Whether a sealed text is an evacuation's (it names a subnet) rather than a single migration's. */
    public static boolean isEvacuation(SealedRequest sealed) {
        return tree(sealed).has(SealedRequest.SUBNET);
    }

    /** Canonical JSON of sealed fields (insertion order kept), with its digest. */
    static SealedRequest sealFields(Map<String, Object> fields) {
        try {
            return SealedRequest.of(MAPPER.writeValueAsString(fields));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a request always has a JSON form", e);
        }
    }

    static JsonNode treeOf(SealedRequest sealed) {
        return tree(sealed);
    }

    /** The request without any check: for describing a state in an incident message, never for acting. */
    public static MigrationRequest peek(VariableScope scope) {
        SealedRequest sealed = stored(scope);
        return sealed == null ? null : peek(sealed);
    }

    /** A stored request without any check: for showing it to its requester, never for acting. */
    public static MigrationRequest peek(SealedRequest sealed) {
        return parse(sealed);
    }

    /** What the approver reads: the request in plain lines (the digest is shown beside it). */
    public static String summary(SealedRequest sealed) {
        MigrationRequest r = parse(sealed);
        return "VM: " + r.vmName()
                + "\nFrom: " + r.source().environment() + " / " + r.source().host()
                + "\nTo: " + r.target().environment() + " / " + r.target().host()
                + "\nRequested by: " + requestedBy(sealed)
                + "\nReason: " + r.reason()
                + "\nBandwidth limit (MiB/s): " + (r.bandwidthMiBps() == null ? "libvirt default" : r.bandwidthMiBps())
                + "\nMaximum downtime (ms): " + (r.maxDowntimeMs() == null ? "libvirt default" : r.maxDowntimeMs())
                + "\nAuto-converge: " + (r.autoConverge() ? "yes" : "no")
                + "\nBlackout mode: " + r.blackoutMode().value() + (r.blackoutMode() == BlackoutMode.MINIMAL
                        ? " (SAs built before the move, the VM serves until the switch-over)" : " (the patent's order)");
    }

    private static SealedRequest intact(VariableScope scope) {
        SealedRequest sealed = stored(scope);
        if (sealed == null) {
            throw new RequestAlteredException("Request altered: this migration has no sealed request any more "
                    + "(variables " + MIGRATION_REQUEST + " / " + REQUEST_DIGEST + " missing). Nothing was done by this step.");
        }
        if (!sealed.intact()) {
            throw new RequestAlteredException("Request altered: the sealed request no longer hashes to its digest "
                    + sealed.digest() + " (now " + SealedRequest.sha256(sealed.json()) + "). Nothing was done by this step; "
                    + "cancel this migration and start a new request.");
        }
        return sealed;
    }

    private static MigrationRequest parse(SealedRequest sealed) {
        JsonNode r = tree(sealed);
        return new MigrationRequest(
                r.path(SealedRequest.VM_NAME).asText(),
                hostRef(r.path(SealedRequest.SOURCE)),
                hostRef(r.path(SealedRequest.TARGET)),
                r.path(SealedRequest.REASON).asText(),
                optionalInt(r, SealedRequest.BANDWIDTH_MIBPS),
                optionalInt(r, SealedRequest.MAX_DOWNTIME_MS),
                r.path(SealedRequest.AUTO_CONVERGE).asBoolean(false),
                // requests sealed before the mode existed ran in the patent's order
                BlackoutMode.of(r.path(SealedRequest.BLACKOUT_MODE).asText()).orElse(BlackoutMode.STRICT));
    }

    private static JsonNode tree(SealedRequest sealed) {
        try {
            return MAPPER.readTree(sealed.json());
        } catch (JsonProcessingException e) {
            throw new RequestAlteredException("Request altered: the sealed request is not valid JSON any more");
        }
    }

    /** A number the request may leave out ({@code null}: libvirt's default). */
    static Integer optionalInt(JsonNode request, String key) {
        return request.path(key).isIntegralNumber() ? request.path(key).intValue() : null;
    }

    static HostRef hostRef(JsonNode host) {
        return new HostRef(host.path(SealedRequest.ENVIRONMENT).asText(), host.path(SealedRequest.HOST).asText());
    }

    static Map<String, String> host(HostRef ref) {
        Map<String, String> host = new LinkedHashMap<>();
        host.put(SealedRequest.ENVIRONMENT, ref.environment());
        host.put(SealedRequest.HOST, ref.host());
        return host;
    }
}
