package com.slm.adapter.strongswan.vici;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@link ViciClient} against two REAL charon daemons, each in a network namespace of its own
 * ({@code vici-it} = site A, {@code vici-it2} = site B, joined by a veth on 203.0.113.0/29, tunnel subnets
 * 198.51.100.0/28 and 198.51.100.16/28). kernel-libipsec (userspace ESP, UDP-encapsulated) because this
 * kernel has no ESP. Needs root: fails, never skips, without it. Everything is removed in {@link #tearDown()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.Random.class) // each test sets up what it needs: any order passes
class ViciCharonLabIT {
    private static final String NS_A = "vici-it";
    private static final String NS_B = "vici-it2";
    private static final String ADDR_A = "203.0.113.1";
    private static final String ADDR_B = "203.0.113.2";
    private static final String NET_A = "198.51.100.0/28";
    private static final String NET_B = "198.51.100.16/28";
    private static final String PSK_ID = "vici-it-psk";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private Path base;
    private Path scripts;
    private Path dirA;
    private Path dirB;
    private ViciClient siteA;
    private ViciClient siteB;
    private Process charonA;
    private Process charonB;
    private String psk;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Logger viciLogger;

    @BeforeAll
    void setUp() throws Exception {
        String uid = run(List.of("id", "-u")).trim();
        if (!"0".equals(uid)) {
            fail("ViciCharonLabIT needs root (network namespaces and charon), runs as uid " + uid);
        }
        viciLogger = (Logger) LoggerFactory.getLogger("com.slm.adapter.strongswan.vici");
        viciLogger.setLevel(Level.TRACE);
        logs.start();
        viciLogger.addAppender(logs);

        scripts = Path.of(getClass().getResource("/vici-it/charon-up.sh").toURI()).getParent();
        // short path: a unix socket path must stay under 108 bytes
        base = Files.createTempDirectory(Path.of("/tmp"), "vici-it");
        dirA = base.resolve("a");
        dirB = base.resolve("b");
        script("netns-up.sh", NS_A, NS_B);
        siteA = new ViciClient(ViciEndpoint.unix(dirA.resolve("charon.vici")), TIMEOUT);
        siteB = new ViciClient(ViciEndpoint.unix(dirB.resolve("charon.vici")), TIMEOUT);
        charonA = startCharon(NS_A, dirA, siteA);
        charonB = startCharon(NS_B, dirB, siteB);
    }

    @AfterAll
    void tearDown() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        if (siteA != null) {
            siteA.close();
        }
        if (siteB != null) {
            siteB.close();
        }
        stopCharon(charonA);
        stopCharon(charonB);
        if (scripts != null) {
            // also kills anything left inside the two namespaces (only our charons ever run there)
            script("netns-down.sh", NS_A, NS_B);
        }
        if (base != null) {
            keepCharonLogs();
            try (Stream<Path> files = Files.walk(base)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        if (viciLogger != null) {
            viciLogger.detachAppender(logs);
        }
        assertThat(run(List.of("ip", "netns", "list"))).doesNotContain(NS_A);
    }

    @Test
    void version() {
        ViciVersion version = siteA.version();

        assertThat(version.daemon()).isEqualTo("charon");
        assertThat(version.version()).startsWith("5.");
        assertThat(version.sysname()).isEqualTo("Linux");
        assertThat(siteA.stats().list("plugins")).contains("vici", "kernel-libipsec").doesNotContain("forecast");
    }

    @Test
    void loadGetAndUnloadAConnection() {
        siteA.loadConn("probe", siteConfig(ADDR_A, "203.0.113.5", NET_A, "198.51.100.32/28"));

        assertThat(siteA.getConns()).contains("probe");
        assertThat(siteA.listConns("probe")).containsOnlyKeys("probe");
        assertThat(siteA.listConns("probe").get("probe").section("children").orElseThrow().sections())
                .containsOnlyKeys("net");

        siteA.unloadConn("probe");
        assertThat(siteA.getConns()).doesNotContain("probe");
        assertThatThrownBy(() -> siteA.unloadConn("probe"))
                .isInstanceOf(ViciCommandException.class)
                .satisfies(e -> assertThat(((ViciCommandException) e).errmsg()).contains("probe"));
    }

    @Test
    void aRefusedConfigurationIsAClearErrorAndChangesNothing() {
        ViciMessage bad = ViciMessage.builder().addList("local_addrs", ADDR_A)
                .addSection("children", c -> c.addSection("net", n -> n.add("mode", "no-such-mode"))).build();

        assertThatThrownBy(() -> siteA.loadConn("broken", bad))
                .isInstanceOf(ViciCommandException.class)
                .satisfies(e -> assertThat(((ViciCommandException) e).errmsg()).isNotBlank());
        assertThat(siteA.getConns()).doesNotContain("broken");
        assertThatThrownBy(() -> siteA.request("no-such-command", ViciMessage.empty()))
                .isInstanceOf(ViciUnknownCommandException.class);
        assertThat(siteA.version().daemon()).isEqualTo("charon");
    }

    @Test
    void loadSharedFromAFileNeverLogged() throws IOException {
        pskLoadedOnBothSites();
        for (ViciClient site : List.of(siteA, siteB)) {
            assertThat(site.getShared()).contains(PSK_ID);
        }
    }

    /** The sites' PSK, from a file written once (owner-only), loaded on both charons (again: a restarted one forgot it). */
    private void pskLoadedOnBothSites() throws IOException {
        if (psk == null) {
            Path pskFile = Files.createFile(base.resolve("psk"),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            Files.writeString(pskFile, HexFormat.of().formatHex(random));
            psk = Files.readString(pskFile);
        }
        for (ViciClient site : List.of(siteA, siteB)) {
            ViciSharedSecret secret = ViciSharedSecret.ike(PSK_ID, psk.getBytes(StandardCharsets.US_ASCII),
                    List.of(ADDR_A, ADDR_B));
            site.loadShared(secret);
            secret.wipe();
        }
    }

    @Test
    void loadAndUnloadAPrivateKey() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();

        String id = siteA.loadKey("any", pkcs8);

        assertThat(id).isNotBlank();
        assertThat(siteA.getKeys()).contains(id);
        siteA.unloadKey(id);
        assertThat(siteA.getKeys()).doesNotContain(id);
    }

    @Test
    void initiateListAndTerminateARealChildSa() throws Exception {
        pskLoadedOnBothSites();
        BlockingQueue<ViciPacket> events = new LinkedBlockingQueue<>();
        ViciEventSubscription subscription = siteA.subscribe((name, message) -> events.add(ViciPacket.event(name, message)),
                "ike-updown", "child-updown");
        toClose.add(subscription);
        siteB.loadConn("site", siteConfig(ADDR_B, ADDR_A, NET_B, NET_A));
        siteA.loadConn("site", siteConfig(ADDR_A, ADDR_B, NET_A, NET_B));

        List<String> log = siteA.initiate(ViciInitiate.child("net").withIke("site").withTimeout(Duration.ofSeconds(10)));

        assertThat(log).anyMatch(line -> line.contains("CHILD_SA net{") && line.contains("established"));
        ViciPacket childUp = awaitEvent(events, "child-updown");
        assertThat(childUp.message().value("up")).contains("yes");
        assertThat(childUp.message().section("site").orElseThrow().section("child-sas")).isPresent();

        // traffic between the tunnel subnets goes through ESP: the SA's counters rise
        run(List.of("ip", "netns", "exec", NS_A, "ping", "-c", "3", "-i", "0.2", "-W", "2", "-I", "198.51.100.1",
                "198.51.100.17"));

        List<ViciIkeSa> sas = siteA.listSas("site");
        assertThat(sas).hasSize(1);
        assertThat(sas.get(0).state()).isEqualTo("ESTABLISHED");
        assertThat(sas.get(0).remoteHost()).isEqualTo(ADDR_B);
        ViciChildSa child = sas.get(0).children().get(0);
        assertThat(child.name()).isEqualTo("net");
        assertThat(child.state()).isEqualTo("INSTALLED");
        assertThat(child.protocol()).isEqualTo("ESP");
        assertThat(child.encap()).isTrue();
        assertThat(child.encrAlg()).isEqualTo("AES_CBC");
        assertThat(child.spiIn()).matches("[0-9a-f]{8}");
        assertThat(child.spiOut()).matches("[0-9a-f]{8}");
        assertThat(child.localTs()).containsExactly(NET_A);
        assertThat(child.remoteTs()).containsExactly(NET_B);
        assertThat(child.bytesOut()).isPositive();
        assertThat(child.bytesIn()).isPositive();
        assertThat(siteB.listSas(null)).singleElement()
                .satisfies(sa -> assertThat(sa.children()).singleElement()
                        .satisfies(c -> assertThat(c.spiIn()).isEqualTo(child.spiOut())));

        siteA.terminate(ViciTerminate.ike("site").withTimeout(Duration.ofSeconds(10)));

        ViciPacket childDown = awaitEvent(events, "child-updown");
        assertThat(childDown.message().value("up")).as("down events omit 'up'").isEmpty();
        assertThat(siteA.listSas("site")).isEmpty();
        subscription.close();
        assertThat(subscription.isOpen()).isFalse();
    }

    @Test
    void charonKilledMidCallIsRetryableAndTheClientReconnectsAfterRestart() throws Exception {
        // a peer that never answers keeps 'initiate' busy until charon dies
        siteA.loadConn("blackhole", siteConfig(ADDR_A, "203.0.113.6", NET_A, "198.51.100.48/28"));
        BlockingQueue<String> logLines = new LinkedBlockingQueue<>();
        BlockingQueue<ViciException> lost = new LinkedBlockingQueue<>();
        ViciEventSubscription logSubscription = siteA.subscribe(new ViciEventListener() {
            @Override
            public void onEvent(String event, ViciMessage message) {
                logLines.add(message.valueOr("msg", ""));
            }

            @Override
            public void onFailure(ViciException cause) {
                lost.add(cause);
            }
        }, "log");
        toClose.add(logSubscription);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<List<String>> initiate = executor.submit(() -> siteA.initiate(ViciInitiate.child("net").withIke("blackhole")));
            awaitLine(logLines, "initiating IKE_SA blackhole");

            charonA.destroyForcibly().waitFor(); // SIGKILL: no goodbye on the socket

            assertThatThrownBy(() -> initiate.get(TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(ViciException.class)
                    .satisfies(e -> {
                        assertThat(((ViciException) e).isRetryable()).isTrue();
                        System.out.println("initiate while charon was killed: " + e);
                    });
        } finally {
            executor.shutdownNow();
        }
        assertThat(lost.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(ViciConnectionException.class);
        assertThatThrownBy(siteA::version)
                .isInstanceOf(ViciConnectionException.class)
                .hasMessageContaining("cannot connect to charon's vici socket")
                .satisfies(e -> assertThat(((ViciException) e).isRetryable()).isTrue());

        charonA = startCharon(NS_A, dirA, siteA);

        assertThat(siteA.version().daemon()).isEqualTo("charon");
        assertThat(siteA.getConns()).as("a restarted charon has forgotten what was loaded").isEmpty();
    }

    @Test
    void thePskAppearsInNoLog() throws IOException {
        pskLoadedOnBothSites();
        assertThat(logs.list).isNotEmpty();
        for (ILoggingEvent event : logs.list) {
            assertThat(event.getFormattedMessage()).doesNotContain(psk);
        }
        for (Path charonLog : List.of(dirA.resolve("charon.log"), dirB.resolve("charon.log"))) {
            assertThat(Files.readString(charonLog)).doesNotContain(psk);
        }
    }

    /**
     * Starts charon through {@code charon-up.sh --foreground}, so this JVM is its parent and reaps it (a
     * detached charon, once killed, would linger as a zombie of PID 1), and waits until it answers.
     */
    private Process startCharon(String namespace, Path dir, ViciClient client) throws Exception {
        Files.createDirectories(dir);
        Process process = new ProcessBuilder("sh", scripts.resolve("charon-up.sh").toString(), namespace, dir.toString(),
                "--foreground").redirectErrorStream(true).redirectOutput(dir.resolve("charon.out").toFile()).start();
        // generous: on a bare machine charon-up.sh installs strongSwan first
        for (int attempt = 0; attempt < 3000; attempt++) {
            if (!process.isAlive()) {
                fail("charon in " + namespace + " exited with " + process.exitValue() + ":\n"
                        + Files.readString(dir.resolve("charon.out")));
            }
            try {
                client.version();
                return process;
            } catch (ViciConnectionException notYet) {
                Thread.sleep(100);
            }
        }
        process.destroyForcibly().waitFor();
        fail("charon in " + namespace + " does not answer on " + client.endpoint());
        return process;
    }

    private static void stopCharon(Process charon) throws InterruptedException {
        if (charon != null && charon.isAlive()) {
            charon.destroy();
            if (!charon.waitFor(10, TimeUnit.SECONDS)) {
                charon.destroyForcibly().waitFor();
            }
        }
    }

    /** charon's own logs go next to the test report, for diagnosis after the lab is gone. */
    private void keepCharonLogs() throws IOException {
        Path reports = Path.of("target", "failsafe-reports-lab");
        Files.createDirectories(reports);
        for (Path dir : List.of(dirA, dirB)) {
            Path log = dir.resolve("charon.log");
            if (Files.exists(log)) {
                Files.copy(log, reports.resolve("charon-" + dir.getFileName() + ".log"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** A site-to-site connection with PSK auth, UDP encapsulation and an ESP proposal that libipsec supports. */
    static ViciMessage siteConfig(String local, String remote, String localTs, String remoteTs) {
        return ViciMessage.builder()
                .add("version", 2)
                .addList("local_addrs", local)
                .addList("remote_addrs", remote)
                .add("encap", true)
                .addList("proposals", "aes256-sha256-modp2048")
                .addSection("local", l -> l.add("auth", "psk").add("id", local))
                .addSection("remote", r -> r.add("auth", "psk").add("id", remote))
                .addSection("children", c -> c.addSection("net", n -> n
                        .addList("local_ts", localTs)
                        .addList("remote_ts", remoteTs)
                        .addList("esp_proposals", "aes256-sha256")
                        .add("start_action", "none")))
                .build();
    }

    private static ViciPacket awaitEvent(BlockingQueue<ViciPacket> events, String name) throws InterruptedException {
        while (true) {
            ViciPacket p = events.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (p == null) {
                fail("no '" + name + "' event from charon");
            }
            if (p.name().equals(name)) {
                return p;
            }
        }
    }

    private static void awaitLine(BlockingQueue<String> lines, String part) throws InterruptedException {
        while (true) {
            String line = lines.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (line == null) {
                fail("charon never logged '" + part + "'");
            }
            if (line.contains(part)) {
                return;
            }
        }
    }

    private void script(String name, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", scripts.resolve(name).toString()));
        command.addAll(List.of(args));
        run(command);
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        // drain before waiting, so a chatty command cannot block on a full pipe
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish");
        }
        if (process.exitValue() != 0) {
            fail(String.join(" ", command) + " failed with exit code " + process.exitValue() + ":\n" + output);
        }
        return output;
    }
}
