package com.slm.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * In front of every place that checks a password (HTTP Basic on {@code /engine-rest} and {@code /api}, the
 * webapps' login form): a request that carries credentials from an address with too many recent failures gets
 * 429 with Retry-After, without its password being checked at all. A 401 answer to a request with credentials
 * counts as a failure of its address; any answer below 400 resets it. The engine's own per-user lock is switched
 * off (application.yaml), so a caller can slow down only its own address, never lock out a user.
 */
public class LoginThrottleFilter extends OncePerRequestFilter {
    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottleFilter.class);
    /** The webapps' login: POST /camunda/api/admin/auth/user/{engine}/login/{app}. */
    private static final Pattern WEBAPP_LOGIN = Pattern.compile("/camunda/api/admin/auth/user/[^/]+/login/[^/]+/?");

    private final LoginThrottle throttle;

    public LoginThrottleFilter(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isLoginAttempt(request)) {
            chain.doFilter(request, response);
            return;
        }
        String client = request.getRemoteAddr();
        long wait = throttle.retryAfterSeconds(client);
        if (wait > 0) {
            LOG.debug("Refused a login from {} for {} s: too many failures", client, wait);
            response.setHeader("Retry-After", Long.toString(wait));
            response.sendError(429, "too many failed logins from this address: retry after " + wait + " s");
            return;
        }
        chain.doFilter(request, response);
        int status = response.getStatus();
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            throttle.failure(client);
            if (throttle.retryAfterSeconds(client) > 0) {
                LOG.warn("Too many failed logins from {}: refusing its logins for a while", client);
            }
        } else if (status < 400) {
            throttle.success(client);
        }
    }

    static boolean isLoginAttempt(HttpServletRequest request) {
        if (request.getHeader("Authorization") != null) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return "POST".equalsIgnoreCase(request.getMethod()) && WEBAPP_LOGIN.matcher(path).matches();
    }
}
