package io.graphium.orchestrator.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
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

    private final SecretKeySpec key;

    public CommandAttribution(byte[] key) {
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("the attribution key needs at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /** HMAC-SHA256({@code master}, "graphium/" + purpose): a key for one purpose from a shared secret. */
    public static byte[] derive(byte[] master, String purpose) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(master, ALGORITHM));
            return mac.doFinal(("graphium/" + purpose).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The header value for {@code command}. */
    public byte[] sign(SpecificRecord command) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(encode(command));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code header} is this orchestrator's mark on exactly {@code command} (constant-time compare). */
    public boolean verify(SpecificRecord command, byte[] header) {
        return header != null && MessageDigest.isEqual(sign(command), header);
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
