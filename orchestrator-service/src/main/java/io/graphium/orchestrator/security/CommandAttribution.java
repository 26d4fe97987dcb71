package io.graphium.orchestrator.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import io.graphium.events.KeyRing;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Marks the stack commands this orchestrator publishes for an authenticated REST caller: a Kafka header
 * {@value #HEADER} with HMAC-SHA256 over the command's Avro binary encoding (so its {@code requestedBy}, ids and
 * definition), keyed with the attribution key. The listener verifies it, and the history says whether
 * {@code requestedBy} was verified (an authenticated principal) or merely claimed by a raw producer.
 */
public final class CommandAttribution {

    public static final String HEADER = "graphium-attribution";
    private static final String ALGORITHM = "HmacSHA256";
    private static final String PURPOSE = "attribution";

    private final SecretKeySpec signingKey;
    /** Every key a mark may have been made with: the ring's keys, so a key rotation does not unverify commands. */
    private final List<SecretKeySpec> verifyingKeys;

    private CommandAttribution(byte[] signingKey, List<byte[]> verifyingKeys) {
        this.signingKey = new SecretKeySpec(signingKey.clone(), ALGORITHM);
        this.verifyingKeys = verifyingKeys.stream().map(k -> new SecretKeySpec(k.clone(), ALGORITHM)).toList();
    }

    /**
     * Marks with the key ring's active key, derived for this purpose ({@code KeyRing.derivedKey("attribution")}),
     * and accepts marks of every key in the ring. Every orchestrator of a deployment shares the ring, so any of
     * them verifies what another marked. An empty ring gives a random key of this process only (commands
     * published before a restart then read as unverified).
     */
    public static CommandAttribution of(KeyRing ring) {
        if (!ring.canSeal()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return new CommandAttribution(random, List.of(random));
        }
        return new CommandAttribution(ring.derivedKey(PURPOSE),
                ring.keyIds().stream().map(id -> ring.derivedKey(id, PURPOSE)).toList());
    }

    /** The header value for {@code command}. */
    public byte[] sign(SpecificRecord command) {
        return mac(signingKey, encode(command));
    }

    /** Whether {@code header} is this orchestrator's mark on exactly {@code command} (constant-time compare). */
    public boolean verify(SpecificRecord command, byte[] header) {
        if (header == null) {
            return false;
        }
        byte[] encoded = encode(command);
        boolean verified = false;
        for (SecretKeySpec key : verifyingKeys) {
            verified |= MessageDigest.isEqual(mac(key, encoded), header); // no early exit: constant time per ring
        }
        return verified;
    }

    private static byte[] mac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static byte[] encode(SpecificRecord command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        try {
            new SpecificDatumWriter(command.getSchema()).write(command, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
