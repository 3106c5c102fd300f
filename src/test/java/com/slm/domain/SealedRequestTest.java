package com.slm.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The seal every step checks before it acts: the approved text must still hash to the approved digest. */
class SealedRequestTest {

    @Test
    void theDigestIsTheSha256OfTheTextInUtf8() {
        assertThat(SealedRequest.sha256("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(SealedRequest.of("{\"vmName\":\"app\"}").digest())
                .isEqualTo(SealedRequest.sha256("{\"vmName\":\"app\"}")).hasSize(64);
        assertThat(SealedRequest.sha256("\u00e9")).as("UTF-8 (C3 A9), whatever the platform's charset")
                .isEqualTo("4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c");
    }

    @Test
    void aSealedTextIsIntactUntilTheTextOrTheDigestChanges() {
        SealedRequest sealed = SealedRequest.of("{\"vmName\":\"app\",\"targetHost\":\"site-b\"}");
        assertThat(sealed.intact()).isTrue();
        assertThat(new SealedRequest(sealed.json().replace("site-b", "site-x"), sealed.digest()).intact())
                .as("the text altered after approval").isFalse();
        assertThat(new SealedRequest(sealed.json(), SealedRequest.sha256("something else")).intact())
                .as("the digest replaced").isFalse();
        assertThat(new SealedRequest(sealed.json(), sealed.digest().toUpperCase()).intact())
                .as("the digest is compared exactly, as recorded").isFalse();
    }

    @Test
    void aSealHasBothItsTextAndItsDigest() {
        assertThatThrownBy(() -> new SealedRequest(null, "00")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SealedRequest("{}", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
