package io.graphium.orchestrator.history;

import io.graphium.events.StackHistoryEvent;
import io.graphium.events.StackHistoryKind;
import io.graphium.events.StackStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * History events, and a serde for the project's Avro events that needs no registry (record name, NUL, Avro body); the
 * topology's driver tests use it too.
 */
public final class HistoryFixtures {

    private HistoryFixtures() {
    }

    static StackHistoryEvent event(String eventId, String stackId, Instant at) {
        return StackHistoryEvent.newBuilder().setEventId(eventId).setOccurredAt(at).setStackId(stackId)
                .setDeploymentId("d-" + stackId).setKind(StackHistoryKind.STATUS_CHANGED)
                .setStatus(StackStatus.DEPLOYING).setMessage(eventId + " of " + stackId).build();
    }

    public static Serde<SpecificRecord> serde() {
        return Serdes.serdeFrom(serializer(), deserializer());
    }

    @SuppressWarnings("unchecked")
    private static Serializer<SpecificRecord> serializer() {
        return (topic, record) -> {
            if (record == null) {
                return null;
            }
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(record.getSchema().getFullName().getBytes(StandardCharsets.UTF_8));
                out.write(0);
                BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
                new SpecificDatumWriter<>((Class<SpecificRecord>) record.getClass()).write(record, encoder);
                encoder.flush();
                return out.toByteArray();
            } catch (IOException e) {
                throw new SerializationException(e);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static Deserializer<SpecificRecord> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            int nul = -1;
            for (int i = 0; i < bytes.length && nul < 0; i++) {
                nul = bytes[i] == 0 ? i : -1;
            }
            if (nul < 0) {
                throw new SerializationException("not an event: no record name");
            }
            try {
                Class<SpecificRecord> type = (Class<SpecificRecord>) Class.forName(
                        new String(bytes, 0, nul, StandardCharsets.UTF_8));
                BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(
                        Arrays.copyOfRange(bytes, nul + 1, bytes.length), null);
                return new SpecificDatumReader<>(type).read(null, decoder);
            } catch (ClassNotFoundException | IOException | RuntimeException e) {
                throw new SerializationException("not an event", e);
            }
        };
    }
}
