package io.graphium.orchestrator.kafka;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One record the orchestrator's topology writes, with its destination topic: an event ({@code value}), a tombstone
 * (both null) or, for a dead letter, the original bytes ({@code raw}). One sink writes them all, so every output of
 * a transition is in the same transaction as the state change.
 */
record Outgoing(String topic, SpecificRecord value, byte[] raw) {

    static Outgoing event(io.graphium.kafka.Topic topic, SpecificRecord value) {
        return new Outgoing(topic.name(), value, null);
    }

    static Outgoing tombstone(io.graphium.kafka.Topic topic) {
        return new Outgoing(topic.name(), null, null);
    }

    static Outgoing deadLetter(String topic, byte[] raw) {
        return new Outgoing(topic, null, raw);
    }

    /** Writes the event through the registry's serializer, the dead letter's bytes as they were. */
    static Serde<Outgoing> serde(Serializer<SpecificRecord> events) {
        Serializer<Outgoing> serializer = new Serializer<>() {
            @Override
            public void configure(Map<String, ?> configs, boolean isKey) {
            }

            @Override
            public byte[] serialize(String topic, Outgoing outgoing) {
                if (outgoing == null) {
                    return null;
                }
                return outgoing.raw() != null ? outgoing.raw()
                        : outgoing.value() == null ? null : events.serialize(topic, outgoing.value());
            }
        };
        return Serdes.serdeFrom(serializer, (topic, bytes) -> {
            throw new UnsupportedOperationException("outgoing records are only written");
        });
    }
}
