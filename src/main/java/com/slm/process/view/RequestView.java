package com.slm.process.view;

import com.slm.domain.MigrationRequest;
import com.slm.domain.SealedRequest;
import com.slm.process.support.SealedRequests;

import java.util.ArrayList;
import java.util.List;

import static com.slm.domain.ProcessVariables.MIGRATION_REQUEST;
import static com.slm.domain.ProcessVariables.REASON;
import static com.slm.domain.ProcessVariables.REQUEST_DIGEST;
import static com.slm.domain.ProcessVariables.SOURCE_ENVIRONMENT;
import static com.slm.domain.ProcessVariables.TARGET_ENVIRONMENT;
import static com.slm.domain.ProcessVariables.VM_NAME;

/**
 * The sealed request as its requester reads it: VM, from, to, why, and the options ("mode") that differ from
 * libvirt's defaults, with the digest the approver saw. Shown, never acted on.
 */
public record RequestView(String vm, String source, String target, String reason, List<String> mode, String digest) {

    static MigrationRequest request(MigrationFacts facts) {
        SealedRequest sealed = sealed(facts);
        try {
            return sealed == null ? null : SealedRequests.peek(sealed);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A migration of an older schema (loose variables) or with an unreadable request shows what is known. */
    static RequestView of(MigrationFacts facts, MigrationRequest request) {
        Object digest = facts.variable(REQUEST_DIGEST);
        if (request == null) {
            return new RequestView(text(facts.variable(VM_NAME)), text(facts.variable(SOURCE_ENVIRONMENT)),
                    text(facts.variable(TARGET_ENVIRONMENT)), text(facts.variable(REASON)), List.of(), text(digest));
        }
        List<String> mode = new ArrayList<>();
        if (request.bandwidthMiBps() != null) {
            mode.add("bandwidth limit " + request.bandwidthMiBps() + " MiB/s");
        }
        if (request.maxDowntimeMs() != null) {
            mode.add("maximum downtime " + request.maxDowntimeMs() + " ms");
        }
        if (request.autoConverge()) {
            mode.add("auto-converge");
        }
        mode.add("blackout mode " + request.blackoutMode().value());
        return new RequestView(request.vmName(), request.source().environment() + " / " + request.source().host(),
                request.target().environment() + " / " + request.target().host(), request.reason(), mode, text(digest));
    }

    private static SealedRequest sealed(MigrationFacts facts) {
        Object json = facts.variable(MIGRATION_REQUEST);
        Object digest = facts.variable(REQUEST_DIGEST);
        return json instanceof String text && digest instanceof String d ? new SealedRequest(text, d) : null;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
