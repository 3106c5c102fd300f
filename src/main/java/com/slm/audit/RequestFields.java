package com.slm.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slm.domain.SealedRequest;

import java.util.Map;

import static com.slm.domain.ProcessVariables.MIGRATION_REQUEST;
import static com.slm.domain.ProcessVariables.SOURCE_ENVIRONMENT;
import static com.slm.domain.ProcessVariables.TARGET_ENVIRONMENT;
import static com.slm.domain.ProcessVariables.VM_NAME;

/**
 * The request's VM and environments, whichever way the migration stored them: the single JSON variable
 * {@code migrationRequest} (the newer form: {"vmName":..,"source":{"environment":..},"target":{..}}) wins, else the
 * older loose variables {@code vmName}, {@code sourceEnvironment}, {@code targetEnvironment}. One place, so that the
 * seal table's indexed columns and the list filters agree.
 */
record RequestFields(String vmName, String sourceEnvironment, String targetEnvironment) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** From recorded variables (values as {@link AuditRecordBuilder} keeps them: JSON as text). */
    static RequestFields of(Map<String, ?> variables) {
        JsonNode request = parse(variables.get(MIGRATION_REQUEST));
        if (request != null) {
            return new RequestFields(text(request.path(SealedRequest.VM_NAME)),
                    text(request.path(SealedRequest.SOURCE).path(SealedRequest.ENVIRONMENT)),
                    text(request.path(SealedRequest.TARGET).path(SealedRequest.ENVIRONMENT)));
        }
        return new RequestFields(string(variables.get(VM_NAME)), string(variables.get(SOURCE_ENVIRONMENT)),
                string(variables.get(TARGET_ENVIRONMENT)));
    }

    private static JsonNode parse(Object value) {
        if (value == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(value.toString());
            return node != null && node.isObject() ? node : null;
        } catch (Exception e) {
            // unreadable: fall back to the loose variables rather than lose the row
            return null;
        }
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }
}
