package com.slm.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A logged-in session of the Camunda webapps, as a browser holds it: the session cookie from the login form and
 * the CSRF token the webapps hand out per session. Calls go to the webapps' own mount of the engine API
 * ({@code /camunda/api/engine/engine/default/...}), the door Tasklist and Cockpit use. Test code only.
 */
public final class WebappSession {
    private final HttpClient http;
    private final String base;
    private final List<String> cookies = new ArrayList<>();
    private String csrf;

    private WebappSession(HttpClient http, String base) {
        this.http = http;
        this.base = base;
    }

    public static WebappSession login(HttpClient http, String base, String user, String password) {
        WebappSession session = new WebappSession(http, base);
        session.send("GET", "/camunda/app/tasklist/default/", null, null);
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> login = session.send("POST", "/camunda/api/admin/auth/user/default/login/tasklist", form,
                "application/x-www-form-urlencoded");
        if (login.statusCode() != 200) {
            throw new AssertionError("webapp login of " + user + " gave " + login.statusCode() + ": " + login.body());
        }
        // The session was renewed at login: its CSRF token comes with the next response of that session.
        session.send("GET", "/camunda/api/admin/auth/user/default", null, null);
        return session;
    }

    public HttpResponse<String> post(String path, String json) {
        return send("POST", path, json, "application/json");
    }

    public HttpResponse<String> put(String path, String json) {
        return send("PUT", path, json, "application/json");
    }

    private HttpResponse<String> send(String method, String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (!cookies.isEmpty()) {
            request.header("Cookie", String.join("; ", cookies));
        }
        if (csrf != null) {
            request.header("X-XSRF-TOKEN", csrf);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String cookie : response.headers().allValues("Set-Cookie")) {
                String pair = cookie.split(";", 2)[0];
                String name = pair.split("=", 2)[0];
                cookies.removeIf(c -> c.startsWith(name + "="));
                cookies.add(pair);
            }
            response.headers().firstValue("X-XSRF-TOKEN").ifPresent(token -> csrf = token);
            return response;
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
