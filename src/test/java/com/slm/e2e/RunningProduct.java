package com.slm.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slm.SlmApplication;
import com.slm.lab.Lab;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The product as a user gets it: the application started with the lab and demo profiles against the lab, on a
 * fresh H2 file, and its REST API driven as the demo users. It serves HTTPS only, with the lab CA's certificate
 * for localhost ({@code lab up} issues it): the client trusts exactly that CA and checks the host name.
 */
public final class RunningProduct implements AutoCloseable {
    private final ConfigurableApplicationContext context;
    private final String base;
    /** The lab's CA, which issued the product's server certificate ({@code lab up}). */
    public static final Path LAB_CA = Lab.STATE.resolve("pki/ca.crt");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .sslContext(trustingLabCa()).build();
    private final ObjectMapper json = new ObjectMapper();

    private RunningProduct(ConfigurableApplicationContext context, String base) {
        this.context = context;
        this.base = base;
    }

    /** The product in this JVM, on a fresh H2 file and a random port. */
    public static RunningProduct start(String... extraArgs) throws IOException {
        Lab.requireUp();
        List<String> args = arguments(Files.createTempDirectory("slm-e2e-"), 0, List.of(extraArgs));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SlmApplication.class).run(args.toArray(String[]::new));
        return new RunningProduct(context, "https://localhost:" + context.getEnvironment().getProperty("local.server.port"));
    }

    /** A client of a product that runs in another process (see {@link ProductProcess}). */
    static RunningProduct attach(int port) {
        return new RunningProduct(null, "https://localhost:" + port);
    }

    /** The command line of the product against the lab: lab and demo profiles, its data (H2 file) under {@code data}. */
    static List<String> arguments(Path data, int port, List<String> extra) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.profiles.active=lab,demo",
                "--spring.config.additional-location=optional:file:" + Lab.STATE + "/",
                "--SLM_DATA_DIR=" + data, // the product's own H2 settings, in a folder of the test's
                "--server.port=" + port,
                "--slm.timers.migration-poll=PT1S",
                "--slm.timers.routing-core-poll=PT2S"));
        args.addAll(extra);
        return args;
    }

    public String baseUrl() {
        return base;
    }

    public <T> T bean(Class<T> type) {
        if (context == null) {
            throw new IllegalStateException("the product runs in another process: no beans here");
        }
        return context.getBean(type);
    }

    public JsonNode get(String user, String path) {
        return send(user, HttpRequest.newBuilder(URI.create(base + path)).GET(), 200);
    }

    public JsonNode post(String user, String path, String body, int expected) {
        return send(user, HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), expected);
    }

    public JsonNode put(String user, String path, String body, int expected) {
        return send(user, HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)), expected);
    }

    private JsonNode send(String user, HttpRequest.Builder request, int expected) {
        String password = "demo-" + user;
        request.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new AssertionError(request.build().method() + " " + request.build().uri() + " as " + user
                        + " gave " + response.statusCode() + ": " + response.body());
            }
            return response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("REST call failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A call whose answer the test inspects itself (attacks expect refusals): status and body, nothing asserted. */
    public HttpResponse<String> call(String user, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":demo-" + user).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Whether the product answers at all (it may be starting, or dead): any HTTP answer counts. */
    public boolean answers() {
        try {
            http.send(HttpRequest.newBuilder(URI.create(base + "/engine-rest/version")).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** An answer whose status the test reads itself, with its JSON body (empty when it has none). */
    public record Answer(int status, JsonNode body) {
    }

    /** A GET that may answer anything (health answers 503 when DOWN); {@code user} null calls anonymously. */
    public Answer getWithStatus(String user, String path) {
        HttpResponse<String> response = call(user, "GET", path, null);
        try {
            return new Answer(response.statusCode(), response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body()));
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " gave " + response.statusCode() + " and no JSON: " + response.body(), e);
        }
    }

    /** The client this product is reached with (the webapps' session tests reuse it). */
    public HttpClient http() {
        return http;
    }

    /** TLS that trusts the lab CA only (never "trust all"): the server's name is checked by the client too. */
    public static SSLContext trustingLabCa() {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("slm-lab-ca", certificate(LAB_CA));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new AssertionError("cannot trust the lab CA " + LAB_CA + " (is the lab up?)", e);
        }
    }

    private static X509Certificate certificate(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
        }
    }
}
