package io.graphium.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secret environment values into {@link SealedValue}s and opens them again: AES-256-GCM with a random 96-bit
 * nonce, {@code ciphertext = nonce || encrypted value || 128-bit tag}. The orchestrator seals, host agents open;
 * both are configured with the same 32-byte key (base64), which never travels on a topic. The key id is bound to the
 * ciphertext as associated data. One sealer is one key; {@link KeyRing} holds several by id for rotation.
 */
public final class SecretSealer {

    public static final String ALGORITHM = "AES-256-GCM";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final String keyId;

    private SecretSealer(byte[] keyBytes, String keyId) {
        if (keyBytes.length != 32) {
            throw new IllegalArgumentException("the sealing key must be 32 bytes (base64 of 32 random bytes), got "
                    + keyBytes.length);
        }
        this.key = new SecretKeySpec(keyBytes, "AES");
        this.keyId = keyId == null ? fingerprint(keyBytes) : keyId;
    }

    /** A sealer for {@code keyBytes} (32 bytes) under the id {@code keyId} (a {@link KeyRing} entry). */
    static SecretSealer withId(String keyId, byte[] keyBytes) {
        return new SecretSealer(keyBytes, keyId);
    }

    /** Decodes a base64 key (whitespace around it ignored), naming {@code source} when it is not base64. */
    static byte[] decode(String base64Key, String source) {
        try {
            return Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " is not base64 (expected the base64 of 32 random bytes)");
        }
    }

    /** The raw key, for deriving purpose-bound keys ({@link KeyRing#derivedKey}); never leaves the package. */
    byte[] keyBytes() {
        return key.getEncoded();
    }

    /** A sealer for the base64 key {@code base64Key}, e.g. from {@code openssl rand -base64 32}. */
    public static SecretSealer fromBase64(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalArgumentException("no sealing key configured (graphium.secrets.sealing-key): generate "
                    + "one with `openssl rand -base64 32` and give the same key to the orchestrator and every agent");
        }
        return new SecretSealer(decode(base64Key, "graphium.secrets.sealing-key"), null);
    }

    /** A new random key, base64-encoded. */
    public static String newBase64Key() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Identifies the key without revealing it: the first 8 bytes of its SHA-256, in hex. */
    public String keyId() {
        return keyId;
    }

    public SealedValue seal(String plaintext) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            byte[] encrypted = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out = ByteBuffer.allocate(nonce.length + encrypted.length).put(nonce).put(encrypted);
            return SealedValue.newBuilder().setKeyId(keyId).setAlgorithm(ALGORITHM).setCiphertext(out.flip()).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a value with " + ALGORITHM, e);
        }
    }

    /** The plain value; fails with a clear message when the value was sealed with another key or tampered with. */
    public String open(SealedValue sealed) {
        if (!ALGORITHM.equals(sealed.getAlgorithm())) {
            throw new IllegalArgumentException("sealed with " + sealed.getAlgorithm() + ", only " + ALGORITHM
                    + " is supported");
        }
        if (!keyId.equals(sealed.getKeyId())) {
            throw new IllegalArgumentException("sealed with key " + sealed.getKeyId() + " but this process has key "
                    + keyId + ": give the orchestrator and the agents the same graphium.secrets.sealing-key "
                    + "(or the same key ring, graphium.secrets.key-dir)");
        }
        ByteBuffer data = sealed.getCiphertext().duplicate();
        byte[] nonce = new byte[NONCE_BYTES];
        data.get(nonce);
        byte[] encrypted = new byte[data.remaining()];
        data.get(encrypted);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(encrypted), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("sealed value does not verify with key " + keyId
                    + " (tampered or corrupted)", e);
        }
    }

    /** The id a key gets when none is given: the first 8 bytes of its SHA-256, in hex (reveals nothing of it). */
    public static String fingerprint(byte[] keyBytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBytes);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
