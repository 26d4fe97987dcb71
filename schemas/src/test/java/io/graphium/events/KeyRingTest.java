package io.graphium.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRingTest {

    @TempDir
    Path dir;

    @Test
    void theActiveKeySealsAndEveryKeyOpensWhatItSealed() {
        String a = SecretSealer.newBase64Key();
        String b = SecretSealer.newBase64Key();
        KeyRing before = KeyRing.of(Map.of("a", a), null);
        SealedValue old = before.seal("s3cret-a");
        assertThat(old.getKeyId()).isEqualTo("a");

        KeyRing after = KeyRing.of(Map.of("a", a, "b", b), "b");
        SealedValue fresh = after.seal("s3cret-b");
        assertThat(fresh.getKeyId()).isEqualTo("b");
        assertThat(after.open(old)).isEqualTo("s3cret-a");
        assertThat(after.open(fresh)).isEqualTo("s3cret-b");
        assertThat(after.sealedWithOldKey(old)).isTrue();
        assertThat(after.sealedWithOldKey(fresh)).isFalse();
        assertThatThrownBy(() -> before.open(fresh)).hasMessageContaining("sealed with key b")
                .hasMessageContaining("not in this process's key ring [a]");
    }

    @Test
    void theSingleSealingKeyOfEarlierVersionsJoinsUnderItsFingerprintAndOpensWhatItSealedBefore() {
        String legacy = SecretSealer.newBase64Key();
        SealedValue sealedByOldVersion = SecretSealer.fromBase64(legacy).seal("old");
        String b = SecretSealer.newBase64Key();
        KeyRing ring = KeyRing.load(new KeyRing.Config(legacy, null, Map.of("b", b), "b"));
        assertThat(ring.keyIds()).containsExactlyInAnyOrder("b", sealedByOldVersion.getKeyId());
        assertThat(ring.open(sealedByOldVersion)).isEqualTo("old");
        assertThat(ring.seal("new").getKeyId()).isEqualTo("b");
        // Without active-key, the sealing-key keeps sealing as before.
        KeyRing unchanged = KeyRing.load(new KeyRing.Config(legacy, null, Map.of("b", b), null));
        assertThat(unchanged.activeKeyId()).isEqualTo(sealedByOldVersion.getKeyId());
    }

    @Test
    void readsKeyFilesNamedByIdAndWritesNewOnesOwnerOnly() throws Exception {
        String first = KeyRing.newKeyFile(dir);
        String second = KeyRing.newKeyFile(dir);
        Path file = dir.resolve(first + ".key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        KeyRing ring = KeyRing.load(new KeyRing.Config(null, dir, Map.of(), second));
        assertThat(ring.keyIds()).containsExactlyInAnyOrder(first, second);
        assertThat(ring.open(ring.seal("x"))).isEqualTo("x");
        assertThat(ring.seal("x").getKeyId()).isEqualTo(second);
        // The id of a new key is its fingerprint, as for a single sealing-key.
        assertThat(SecretSealer.fromBase64(Files.readString(file)).keyId()).isEqualTo(first);
    }

    @Test
    void refusesAKeyFileOthersMayRead() throws Exception {
        String id = KeyRing.newKeyFile(dir);
        Path file = dir.resolve(id + ".key");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> KeyRing.load(new KeyRing.Config(null, dir, null, null)))
                .hasMessageContaining("key file " + file + " is readable by others (mode rw-r--r--)")
                .hasMessageContaining("chmod 600");
    }

    @Test
    void explainsAWrongConfiguration() throws Exception {
        String a = SecretSealer.newBase64Key();
        assertThatThrownBy(() -> KeyRing.of(Map.of("a", a), "b"))
                .hasMessageContaining("graphium.secrets.active-key is b, but the key ring has only [a]");
        assertThatThrownBy(() -> KeyRing.of(Map.of("a", "c2hvcnQ="), null))
                .hasMessageContaining("graphium.secrets.keys.a must hold 32 bytes");
        assertThatThrownBy(() -> KeyRing.of(Map.of("a", "not base64!"), null))
                .hasMessageContaining("graphium.secrets.keys.a is not base64");
        assertThatThrownBy(() -> KeyRing.of(Map.of("../x", a), null)).hasMessageContaining("key id '../x'");
        KeyRing undecided = KeyRing.of(Map.of("a", a, "b", SecretSealer.newBase64Key()), null);
        assertThat(undecided.canSeal()).isFalse();
        assertThatThrownBy(() -> undecided.seal("x")).hasMessageContaining("set graphium.secrets.active-key");
        Files.writeString(dir.resolve("a.key"), a);
        Files.setPosixFilePermissions(dir.resolve("a.key"), PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> KeyRing.load(new KeyRing.Config(null, dir, Map.of("a", SecretSealer.newBase64Key()),
                null))).hasMessageContaining("key id a is given twice with different keys");
        assertThatThrownBy(() -> KeyRing.load(new KeyRing.Config(null, dir.resolve("missing"), null, null)))
                .hasMessageContaining("is not a directory");
    }

    @Test
    void derivesStablePurposeBoundKeysThatRevealNothing() {
        String a = SecretSealer.newBase64Key();
        KeyRing ring = KeyRing.of(Map.of("a", a), null);
        assertThat(ring.derivedKey("attribution")).hasSize(32).isEqualTo(KeyRing.of(Map.of("a", a), null)
                .derivedKey("attribution"));
        assertThat(ring.derivedKey("attribution")).isNotEqualTo(ring.derivedKey("host:h1"))
                .isNotEqualTo(java.util.Base64.getDecoder().decode(a));
        assertThat(ring.derivedKey("a", "attribution")).isEqualTo(ring.derivedKey("attribution"));
        assertThat(ring.toString()).doesNotContain(a).contains("active=a");
    }
}
