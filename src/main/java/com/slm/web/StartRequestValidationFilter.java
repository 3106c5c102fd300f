package com.slm.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slm.domain.EvacuationRequestValidator;
import com.slm.domain.MigrationRequestValidator;
import com.slm.domain.ProcessVariables;
import com.slm.process.lock.VmAlreadyMigratingException;
import com.slm.process.lock.VmMigrationLocks;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates a migration start at the HTTP edge and answers 400 with every problem (unknown fields by name, values
 * that are not plain text, numbers or true/false, the request's rules) before the engine sees it: the engine's
 * REST resource would answer the start listener's refusal with a 500. It matches the decoded, normalised path on
 * every mount of the engine's API ({@code /engine-rest}, {@code /engine-rest/engine/NAME}, the webapps'
 * {@code /camunda/api/engine/engine/NAME}); the engine refuses the same starts on every other path (start
 * listener, command guard), so this filter is for clear answers, not the only gate. A start for a VM whose
 * migration is still running is answered 409 naming that instance (the lock's unique key in the start transaction
 * is the gate there).
 */
public class StartRequestValidationFilter extends OncePerRequestFilter {
    /** At most this much JSON is read: a start request is small, and an endless body must not exhaust memory. */
    static final int MAX_BODY = 64 * 1024;
    private static final String KEYS = "(" + ProcessVariables.PROCESS_KEY + "|" + ProcessVariables.EVACUATION_KEY + ")";
    private static final Pattern START = Pattern.compile(
            "/(engine-rest|camunda/api/engine)(/engine/[^/]+)?/process-definition/(key/(?<key>" + KEYS
                    + ")|(?<idKey>" + KEYS + "):[^/]+)(/tenant-id/[^/]+)?/(start|submit-form)/?");
    private static final Set<String> PLAIN_TYPES = Set.of("string", "integer", "long", "short",
            "double", "boolean", "date", "null");

    private final MigrationRequestValidator validator;
    private final EvacuationRequestValidator evacuations;
    private final VmMigrationLocks locks;
    private final StartPermission permission;
    private final ObjectMapper json = new ObjectMapper();

    public StartRequestValidationFilter(MigrationRequestValidator validator, EvacuationRequestValidator evacuations,
                                        VmMigrationLocks locks, StartPermission permission) {
        this.validator = validator;
        this.evacuations = evacuations;
        this.locks = locks;
        this.permission = permission;
    }

    /** Whether the caller may start migrations at all: a caller who may not gets the engine's 403, never a 409. */
    @FunctionalInterface
    public interface StartPermission {
        boolean mayStart();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equalsIgnoreCase(request.getMethod()) || processKey(request) == null;
    }

    /** The process a start is for, from the container's decoded, normalised path, or null for anything else. */
    private static String processKey(HttpServletRequest request) {
        // no %-escapes, dot segments or path parameters are left in it
        String path = (request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo()))
                .replaceAll("/{2,}", "/");
        Matcher start = START.matcher(path);
        if (!start.matches()) {
            return null;
        }
        return start.group("key") != null ? start.group("key") : start.group("idKey");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            refuse(response, List.of("request body larger than " + MAX_BODY + " bytes"));
            return;
        }
        JsonNode given;
        try {
            JsonNode root = body.length == 0 ? null : json.readTree(body);
            given = root == null ? null : root.get("variables");
        } catch (IOException e) {
            refuse(response, List.of("request body is not valid JSON"));
            return;
        }
        Map<String, Object> variables = variables(given);
        List<String> problems = new ArrayList<>(notPlain(given));
        boolean evacuation = ProcessVariables.EVACUATION_KEY.equals(processKey(request));
        problems.addAll(evacuation ? evacuations.problems(variables) : validator.problems(variables));
        if (!problems.isEmpty()) {
            refuse(response, problems, evacuation ? "Evacuation" : "Migration");
            return;
        }
        Optional<String> running = variables.get(ProcessVariables.VM_NAME) instanceof String vm && permission.mayStart()
                ? locks.holder(vm) : Optional.empty();
        if (running.isPresent()) {
            conflict(response, VmAlreadyMigratingException.message((String) variables.get(ProcessVariables.VM_NAME), running.get()));
            return;
        }
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    /** The REST body's {@code variables: {name: {value, type}}} as plain values. */
    private static Map<String, Object> variables(JsonNode given) {
        Map<String, Object> variables = new HashMap<>();
        if (given != null && given.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode value = field.getValue().get("value");
                variables.put(field.getKey(), value == null || value.isNull() ? null
                        : value.isBoolean() ? value.booleanValue()
                        : value.isIntegralNumber() ? value.longValue()
                        : value.isNumber() ? value.doubleValue()
                        : value.isTextual() ? value.textValue() : value.toString());
            }
        }
        return variables;
    }

    /** Variables typed as anything but a plain value (Object, Json, Xml, File, Bytes) are refused by name. */
    private static List<String> notPlain(JsonNode given) {
        List<String> problems = new ArrayList<>();
        if (given != null && given.isObject()) {
            given.fields().forEachRemaining(field -> {
                JsonNode type = field.getValue().get("type");
                if (type != null && !type.isNull() && !PLAIN_TYPES.contains(type.asText().toLowerCase(Locale.ROOT))) {
                    problems.add("Variable '" + field.getKey() + "' has type " + type.asText()
                            + ": a migration request takes only text, numbers and true/false");
                }
            });
        }
        return problems;
    }

    private void refuse(HttpServletResponse response, List<String> problems) throws IOException {
        refuse(response, problems, "Migration");
    }

    private void refuse(HttpServletResponse response, List<String> problems, String what) throws IOException {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        Map<String, Object> error = Map.of("type", "InvalidRequestException",
                "message", what + " request refused: " + String.join("; ", problems),
                "problems", problems);
        json.writeValue(response.getOutputStream(), error);
    }

    /**
     * 409 when the VM's migration lock is held. Only a clear answer: the lock's unique key in the start transaction
     * is the gate (a start that races past this check is refused by the engine).
     */
    private void conflict(HttpServletResponse response, String message) throws IOException {
        response.setStatus(HttpServletResponse.SC_CONFLICT);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        json.writeValue(response.getOutputStream(), Map.of("type", VmAlreadyMigratingException.class.getSimpleName(),
                "message", message));
    }

    /** Hands the body, already read, to the engine's REST resource. */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            InputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    try {
                        return in.available() == 0;
                    } catch (IOException e) {
                        return true;
                    }
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return in.read(b, off, len);
                }
            };
        }
    }
}
