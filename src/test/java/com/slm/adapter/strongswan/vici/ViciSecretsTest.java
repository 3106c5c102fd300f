package com.slm.adapter.strongswan.vici;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * load-shared and load-key data never shows up in exceptions, toString or logs, on success and on every failure
 * path: every logger of the JVM at TRACE, not only the client's own.
 */
class ViciSecretsTest {
    private static final String PSK = "Psk-0f9e8d7c6b5a-NeverPrintMe";
    private static final String KEY = "-----BEGIN PRIVATE KEY-----KeyMaterial-NeverPrintMe";

    @TempDir
    Path dir;

    private FakeViciPeer peer;
    private ViciClient client;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Logger rootLogger;
    private Level previousLevel;
    private final List<String> texts = new ArrayList<>();

    @BeforeEach
    void captureLogs() throws IOException {
        rootLogger = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        previousLevel = rootLogger.getLevel();
        rootLogger.setLevel(Level.TRACE);
        logs.start();
        rootLogger.addAppender(logs);
        peer = FakeViciPeer.unix(dir);
        client = new ViciClient(peer.endpoint(), Duration.ofMillis(500));
    }

    @AfterEach
    void tearDown() throws IOException {
        rootLogger.detachAppender(logs);
        rootLogger.setLevel(previousLevel);
        client.close();
        peer.close();
    }

    @Test
    void secretsStayOutOfEverythingOnEveryPath() {
        ViciSharedSecret secret = ViciSharedSecret.ike("psk-1", bytes(PSK), List.of("203.0.113.1"));
        texts.add(secret.toString());
        texts.add(secret.toMessage().toString());
        texts.add(ViciPacket.request("load-shared", secret.toMessage()).toString());

        // success: the secret does reach charon, intact
        peer.on("load-shared", (args, s) -> s.respond(ok()));
        peer.on("load-key", (args, s) -> s.respond(ViciMessage.builder().add("success", "yes").add("id", "k1").build()));
        client.loadShared(secret);
        client.loadKey("RSA", bytes(KEY));
        assertThat(peer.received().get(0).packet().message().bytes("data").orElseThrow()).isEqualTo(bytes(PSK));
        assertThat(peer.received().get(1).packet().message().bytes("data").orElseThrow()).isEqualTo(bytes(KEY));
        texts.add(peer.received().get(0).packet().toString());
        texts.add(peer.received().get(1).packet().toString());

        // refused
        peer.on("load-shared", (args, s) -> s.respond(ViciMessage.builder().add("success", "no")
                .add("errmsg", "loading shared key failed").build()));
        peer.on("load-key", (args, s) -> s.respond(ViciMessage.builder().add("success", "no")
                .add("errmsg", "loading private key failed").build()));
        capture(() -> client.loadShared(secret));
        capture(() -> client.loadKey("RSA", bytes(KEY)));

        // charon goes away mid-call, answers garbage, or never answers
        peer.on("load-shared", (args, s) -> s.drop());
        peer.on("load-key", (args, s) -> s.raw(new byte[]{0, 0, 0, 9, 1, 3}));
        capture(() -> client.loadShared(secret));
        capture(() -> client.loadKey("RSA", bytes(KEY)));
        peer.on("load-shared", (args, s) -> s.hang());
        peer.on("load-key", (args, s) -> s.hang());
        capture(() -> client.loadShared(secret));
        capture(() -> client.loadKey("RSA", bytes(KEY)));

        // unknown command, and a secret too large to send
        peer.on("load-shared", null);
        capture(() -> client.loadShared(secret));
        capture(() -> client.loadKey("RSA", (KEY + "x".repeat(70_000)).getBytes(StandardCharsets.UTF_8)));
        capture(() -> ViciSharedSecret.ike("psk-2", (PSK + "y".repeat(70_000)).getBytes(StandardCharsets.UTF_8), List.of())
                .toMessage());

        for (ILoggingEvent event : logs.list) {
            texts.add(event.getFormattedMessage());
            texts.add(String.valueOf(event.getMDCPropertyMap()));
            if (event.getThrowableProxy() != null) {
                texts.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
        }
        assertThat(logs.list).as("the client does log its calls at debug level").isNotEmpty();
        assertThat(texts).hasSizeGreaterThan(12);
        assertThat(texts).allSatisfy(text -> assertThat(text).doesNotContain("NeverPrintMe"));
    }

    @Test
    void wipeClearsTheLocalCopy() {
        ViciSharedSecret secret = ViciSharedSecret.ike("psk-1", bytes(PSK), List.of());
        secret.wipe();

        assertThat(secret.toMessage().bytes("data").orElseThrow()).containsOnly(0);
        assertThatThrownBy(() -> ViciSharedSecret.ike("x", new byte[0], List.of())).hasMessageContaining("empty");
    }

    private void capture(Runnable call) {
        try {
            call.run();
            throw new AssertionError("expected the call to fail");
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                texts.add(t.toString());
            }
            if (e instanceof ViciCommandException ce) {
                texts.addAll(ce.log());
            }
        }
    }

    private static ViciMessage ok() {
        return ViciMessage.builder().add("success", "yes").build();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
