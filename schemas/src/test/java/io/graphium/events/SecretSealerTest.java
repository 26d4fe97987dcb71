package io.graphium.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretSealerTest {

    private final SecretSealer sealer = SecretSealer.fromBase64(SecretSealer.newBase64Key());

    @Test
    void opensWhatItSealedAndNeverCarriesThePlaintext() {
        SealedValue sealed = sealer.seal("s3cret-password");
        assertThat(sealer.open(sealed)).isEqualTo("s3cret-password");
        assertThat(new String(sealed.getCiphertext().array(), StandardCharsets.ISO_8859_1)).doesNotContain("s3cret");
        assertThat(sealed.toString()).doesNotContain("s3cret");
    }

    @Test
    void sealingTheSameValueTwiceGivesDifferentCiphertexts() {
        assertThat(sealer.seal("x").getCiphertext()).isNotEqualTo(sealer.seal("x").getCiphertext());
    }

    @Test
    void refusesAnotherKeyAndTamperedValuesWithAReason() {
        SealedValue sealed = sealer.seal("value");
        SecretSealer other = SecretSealer.fromBase64(SecretSealer.newBase64Key());
        assertThatThrownBy(() -> other.open(sealed)).hasMessageContaining("same graphium.secrets.sealing-key");
        byte[] bytes = sealed.getCiphertext().array().clone();
        bytes[bytes.length - 1] ^= 1;
        SealedValue tampered = SealedValue.newBuilder(sealed).setCiphertext(ByteBuffer.wrap(bytes)).build();
        assertThatThrownBy(() -> sealer.open(tampered)).hasMessageContaining("tampered");
    }

    @Test
    void rejectsMissingOrShortKeys() {
        assertThatThrownBy(() -> SecretSealer.fromBase64(" ")).hasMessageContaining("openssl rand -base64 32");
        assertThatThrownBy(() -> SecretSealer.fromBase64("c2hvcnQ=")).hasMessageContaining("32 bytes");
    }
}
