package com.slm.web;

import com.slm.config.Roles;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Only auditors and admins read the audit trail: HTTP Basic checked against the engine's users (the same
 * accounts as Tasklist and Cockpit), then membership of {@code auditors} or {@code camunda-admin}. No
 * credentials: 401; another role: 403.
 */
public class AuditAccessFilter extends OncePerRequestFilter {
    private static final List<String> ALLOWED = List.of(Roles.AUDITORS, Roles.ADMINS);

    private final IdentityService identity;

    public AuditAccessFilter(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        String[] credentials = header != null && header.startsWith("Basic ") ? decode(header.substring(6)) : null;
        if (credentials == null || !identity.checkPassword(credentials[0], credentials[1])) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"slm audit\"");
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "login required");
            return;
        }
        boolean allowed = identity.createGroupQuery().groupMember(credentials[0]).list().stream()
                .map(Group::getId).anyMatch(ALLOWED::contains);
        if (!allowed) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "only auditors and admins read the audit trail");
            return;
        }
        chain.doFilter(request, response);
    }

    private static String[] decode(String base64) {
        try {
            String text = new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            return colon < 0 ? null : new String[]{text.substring(0, colon), text.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
