package com.slm.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.slm.lab.Lab;
import com.slm.lab.Sas;
import com.slm.lab.WanCapture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Never in clear, even when IPsec fails (fault matrix a-c, after a completed migration of app to site B): each
 * fault runs under a WAN capture, which must show no guest packet in clear, and the product must bring the SA
 * back by itself, the guest's own traffic resuming. Recovery bound checked here: 30 s after the fault ends (the
 * documented target, 10 s, is what docs/security.md reports as measured).
 */
class FailClosedLabIT {
    /** Any guest address, or the legacy peer, in clear on the WAN. */
    static final String CLEAR = "src net 192.0.2.0/24 or dst net 192.0.2.0/24 or host 198.51.100.10";
    @RegisterExtension
    static final LabProduct LAB = LabProduct.fresh();

    @BeforeAll
    static void migrateApp() throws Exception {
        LAB.migrated("app");
        assertThat(Lab.runningGuests("site-b")).contains("app");
        Lab.awaitRecords("db", "app", "stream", Instant.now(), 120);
    }

    @Test
    void charonStoppedOnEitherSiteLeaksNothingAndTheSaComesBackAfterItsRestart() throws Exception {
        for (String site : new String[]{"site-b", "site-a"}) {
            try (WanCapture wan = WanCapture.start("charon-" + site)) {
                Lab.lab(60, "charon-stop", site).orFail("charon-stop " + site);
                Thread.sleep(8000); // the guest keeps sending: nothing may leave in clear
                Lab.lab(60, "charon-start", site).orFail("charon-start " + site);
                Instant back = Instant.now();
                Duration recovered = awaitSa(back, 30);
                Lab.awaitRecords("db", "app", "stream", back, 60);
                wan.stop();
                System.out.printf("RECOVERY charon restart on %s: CHILD_SA INSTALLED on both %d ms after charon was back%n",
                        site, recovered.toMillis());
                assertThat(wan.count(CLEAR)).as("nothing in clear on the WAN while charon of %s was down", site).isZero();
            }
        }
    }

    @Test
    void aChildSaTerminatedOnEitherSideComesBackWithNothingInClear() throws Exception {
        for (String site : new String[]{"site-b", "site-a"}) {
            try (WanCapture wan = WanCapture.start("terminate-" + site)) {
                Instant at = Instant.now();
                swanctl(site, "--terminate", "--child", "slm-vm-app");
                Duration recovered = awaitSa(at, 30);
                Lab.awaitRecords("db", "app", "stream", Instant.now(), 60);
                wan.stop();
                System.out.printf("RECOVERY terminate on %s: %d ms%n", site, recovered.toMillis());
                assertThat(wan.count(CLEAR)).isZero();
            }
        }
    }

    @Test
    void aForcedRekeyKeepsTheTrafficProtected() throws Exception {
        try (WanCapture wan = WanCapture.start("rekey")) {
            Instant at = Instant.now();
            swanctl("site-a", "--rekey", "--child", "slm-vm-app");
            Thread.sleep(3000);
            Duration up = awaitSa(at, 30);
            Lab.awaitRecords("db", "app", "stream", Instant.now(), 60);
            wan.stop();
            System.out.printf("REKEY: SA INSTALLED on both %d ms after the rekey%n", up.toMillis());
            assertThat(wan.count(CLEAR)).isZero();
            assertThat(wan.count("udp port 4500")).isPositive();
        }
    }

    private static Duration awaitSa(Instant since, int seconds) throws InterruptedException {
        return Sas.awaitInstalledOnBoth("slm-vm-app", since, seconds);
    }

    private static void swanctl(String site, String... args) {
        Sas.swanctl(site, args).orFail("swanctl " + String.join(" ", args) + " on " + site);
    }
}
