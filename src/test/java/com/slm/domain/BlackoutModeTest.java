package com.slm.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The blackout mode as the form and the sealed request spell it; strict unless the request says otherwise. */
class BlackoutModeTest {

    @Test
    void onlyTheExactSpellingsOfTheFormAreModes() {
        assertThat(BlackoutMode.of("strict")).contains(BlackoutMode.STRICT);
        assertThat(BlackoutMode.of("minimal")).contains(BlackoutMode.MINIMAL);
        assertThat(BlackoutMode.of("MINIMAL")).as("the enum's name is not the form's value").isEmpty();
        assertThat(BlackoutMode.of("fast")).isEmpty();
        assertThat(BlackoutMode.of(null)).isEmpty();
        for (BlackoutMode mode : BlackoutMode.values()) {
            assertThat(BlackoutMode.of(mode.value())).contains(mode);
        }
    }

    @Test
    void aRequestWithoutAModeIsStrict() {
        HostRef a = new HostRef("secure", "site-a");
        HostRef b = new HostRef("remote", "site-b");
        assertThat(new MigrationRequest("app", a, b, "maintenance", null, null, false, null).blackoutMode())
                .isEqualTo(BlackoutMode.STRICT);
        assertThat(new MigrationRequest("app", a, b, "maintenance", null, null, false, BlackoutMode.MINIMAL).blackoutMode())
                .isEqualTo(BlackoutMode.MINIMAL);
    }
}
