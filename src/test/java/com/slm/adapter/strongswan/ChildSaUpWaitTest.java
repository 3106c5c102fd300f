package com.slm.adapter.strongswan;

import com.slm.adapter.strongswan.vici.FakeCharons;
import com.slm.domain.SaDetails;
import com.slm.domain.VmPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A step that initiated a CHILD_SA wakes on the responder's up event, and without events still finds it at its next
 * look at list-sas (test doubles: {@link FakeCharons}, whose responder installs a moment after the initiator; the
 * real charon: StrongswanIpsecGatewayLabIT).
 */
class ChildSaUpWaitTest {
    private static final String CONN = "slm-secure-remote";
    private static final VmPolicy APP = new VmPolicy("slm-vm-app", "192.0.2.11", List.of("192.0.2.0/26"), "secure", "remote");
    private static final VmPolicy WEB = new VmPolicy("slm-vm-web", "192.0.2.12", List.of("192.0.2.0/26"), "secure", "remote");
    private static final Duration RESPONDER_LAG = Duration.ofMillis(100);

    @TempDir
    Path dir;

    private FakeCharons charons;
    private ViciGateways gateways;
    private StrongswanIpsecGateway gateway;

    @BeforeEach
    void twoGateways() throws Exception {
        charons = new FakeCharons(dir, Duration.ZERO);
        Path psk = Files.writeString(dir.resolve("psk"), "Psk-events-5c1e-test-only");
        StrongswanProperties settings = IpsecNode.settings(charons, psk);
        gateways = new ViciGateways(settings);
        gateway = KeptChildrenDatabase.gateway(gateways, settings, null);
    }

    @AfterEach
    void stop() throws Exception {
        gateways.close();
        charons.close();
    }

    @Test
    void theStepWakesOnTheRespondersUpEventRatherThanAtItsNextLook() {
        gateway.installVmPolicy(WEB); // warm: the time measured below is the wait's, not the first use's
        charons.responderLag(RESPONDER_LAG);

        long started = System.nanoTime();
        List<SaDetails> sas = gateway.installVmPolicy(APP);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(sas).extracting(SaDetails::gateway).containsExactlyInAnyOrder("secure", "remote");
        // the first look finds it on the initiator only; the next look without the event would come 500 ms later
        assertThat(took).isLessThan(ChildSaInitiator.INSTALLED_RECHECK.minus(Duration.ofMillis(50)));
        assertThat(eventThreads()).as("the wait's subscription is closed with the step").isEmpty();
    }

    @Test
    void withoutEventsTheStepFindsTheChildSaAtItsNextLook() {
        charons.responderLag(RESPONDER_LAG);
        charons.refuseEvent("remote", "child-updown");

        long started = System.nanoTime();
        List<SaDetails> sas = gateway.installVmPolicy(APP);

        assertThat(sas).extracting(SaDetails::gateway).containsExactlyInAnyOrder("secure", "remote");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(ChildSaInitiator.INSTALLED_RECHECK);
        assertThat(charons.initiates(APP.name())).as("waited, not initiated again").isEqualTo(1);
    }

    @Test
    void onlyTheUpEventOfItsOwnChildSaWakesTheWait() {
        try (ChildSaUpWait wait = ChildSaUpWait.on(gateways, "remote", CONN, APP.name())) {
            charons.publish("remote", "child-updown", FakeCharons.childUpdown(CONN, WEB.name(), true));
            charons.publish("remote", "child-updown", FakeCharons.childUpdown(CONN, APP.name(), false));
            charons.publish("remote", "child-updown", FakeCharons.childUpdown("slm-secure-other", APP.name(), true));
            assertThat(wait.await(Duration.ofMillis(300))).isFalse();

            charons.publish("remote", "child-updown", FakeCharons.childUpdown(CONN, APP.name(), true));
            assertThat(wait.await(Duration.ofSeconds(10))).isTrue();
        }
    }

    private List<String> eventThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("vici-events-") && name.contains(dir.toString())).toList();
    }
}
