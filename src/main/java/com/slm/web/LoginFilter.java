package com.slm.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/**
 * HTTP Basic against the engine's users for the product's own API: no credentials, 401; a user of none of the
 * given groups, 403; otherwise the caller (user and groups) is handed to the controller as a request attribute, and
 * the request carries the user as its principal with the user's groups as roles (what Spring Boot's health endpoint
 * asks). {@link #allowingAnonymous()} lets callers without credentials through as anonymous.
 */
public class LoginFilter extends OncePerRequestFilter {
    private static final String CALLER = LoginFilter.class.getName() + ".caller";

    /** Who calls, as the engine's identity service knows them. */
    public record Caller(String userId, List<String> groups, String adminGroup) {
        public boolean isAdmin() {
            return groups.contains(adminGroup);
        }
    }

    private final IdentityService identity;
    private final Collection<String> allowedGroups;
    private final String adminGroup;
    private final String realm;
    private final String refusal;
    private final boolean anonymousAllowed;

    /**
     * @param realm   the HTTP Basic realm named to a caller without credentials
     * @param refusal what a logged-in user of none of the allowed groups is told (403)
     */
    public LoginFilter(IdentityService identity, Collection<String> allowedGroups, String adminGroup, String realm,
                       String refusal) {
        this(identity, allowedGroups, adminGroup, realm, refusal, false);
    }

    private LoginFilter(IdentityService identity, Collection<String> allowedGroups, String adminGroup, String realm,
                        String refusal, boolean anonymousAllowed) {
        this.identity = identity;
        this.allowedGroups = List.copyOf(allowedGroups);
        this.adminGroup = adminGroup;
        this.realm = realm;
        this.refusal = refusal;
        this.anonymousAllowed = anonymousAllowed;
    }

    /**
     * The same login, except that a request without an {@code Authorization} header passes as anonymous (no principal),
     * for a resource that decides itself what an anonymous caller sees. Wrong credentials still get 401.
     */
    public LoginFilter allowingAnonymous() {
        return new LoginFilter(identity, allowedGroups, adminGroup, realm, refusal, true);
    }

    public static Caller caller(HttpServletRequest request) {
        Caller caller = (Caller) request.getAttribute(CALLER);
        if (caller == null) {
            throw new IllegalStateException("LoginFilter must guard this path");
        }
        return caller;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Caller earlier = (Caller) request.getAttribute(CALLER);
        if (earlier != null) {
            // logged in by an earlier LoginFilter of this request (e.g. the admins-only one on /actuator/prometheus):
            // this filter's groups still apply, only the password is not checked (hashed) a second time
            if (earlier.groups().stream().noneMatch(allowedGroups::contains)) {
                response.sendError(HttpServletResponse.SC_FORBIDDEN, refusal);
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        String header = request.getHeader("Authorization");
        if (header == null && anonymousAllowed) {
            chain.doFilter(request, response);
            return;
        }
        String[] credentials = header != null && header.startsWith("Basic ") ? decode(header.substring(6)) : null;
        if (credentials == null || !identity.checkPassword(credentials[0], credentials[1])) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + realm + "\"");
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "login required");
            return;
        }
        List<String> groups = identity.createGroupQuery().groupMember(credentials[0]).list().stream().map(Group::getId).toList();
        if (groups.stream().noneMatch(allowedGroups::contains)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, refusal);
            return;
        }
        Caller caller = new Caller(credentials[0], groups, adminGroup);
        request.setAttribute(CALLER, caller);
        chain.doFilter(new LoggedInRequest(request, caller), response);
    }

    /** The request as the servlet API sees a logged-in user: principal, remote user, and groups as roles. */
    private static final class LoggedInRequest extends HttpServletRequestWrapper {
        private final Caller caller;

        LoggedInRequest(HttpServletRequest request, Caller caller) {
            super(request);
            this.caller = caller;
        }

        @Override
        public Principal getUserPrincipal() {
            return caller::userId;
        }

        @Override
        public String getRemoteUser() {
            return caller.userId();
        }

        @Override
        public boolean isUserInRole(String role) {
            return caller.groups().contains(role);
        }

        @Override
        public String getAuthType() {
            return HttpServletRequest.BASIC_AUTH;
        }
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
