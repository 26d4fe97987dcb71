package io.graphium.kafka;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

/**
 * Client settings every Graphium producer and consumer uses, whether built by Spring (through
 * {@link GraphiumKafkaAutoConfiguration}) or by hand ({@link KafkaConnection}, which adds where and how to connect).
 */
public final class KafkaClientSettings {

    private KafkaClientSettings() {
    }

    /**
     * Producer safety: idempotent, acknowledged by all in-sync replicas, retried until the delivery timeout, so a
     * command is written exactly once and in order per partition.
     */
    public static Map<String, Object> producerSettings(String registryUrl) {
        return producerSettings(RegistryClient.at(registryUrl));
    }

    /** As {@link #producerSettings(String)}, for a registry with credentials or its own trust store. */
    public static Map<String, Object> producerSettings(RegistryClient registry) {
        Map<String, Object> settings = new HashMap<>(EventSerialization.serdeConfig(registry));
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroKafkaSerializer.class);
        return settings;
    }

    /**
     * Consumer settings: values are read through {@link ErrorHandlingDeserializer}, so a record that cannot be
     * deserialized reaches the error handler (and the dead-letter topic) instead of failing the poll forever.
     */
    public static Map<String, Object> consumerSettings(String registryUrl) {
        return consumerSettings(RegistryClient.at(registryUrl));
    }

    /** As {@link #consumerSettings(String)}, for a registry with credentials or its own trust store. */
    public static Map<String, Object> consumerSettings(RegistryClient registry) {
        Map<String, Object> settings = new HashMap<>(EventSerialization.serdeConfig(registry));
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class);
        settings.put(ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, AvroKafkaDeserializer.class);
        return settings;
    }

    /**
     * A plain producer of events on a plaintext broker without credentials (tests, tools). Code that may meet a
     * secured broker builds its clients from a {@link KafkaConnection} instead.
     */
    public static KafkaProducer<String, SpecificRecord> newProducer(String bootstrapServers, String registryUrl) {
        return KafkaConnection.plaintext(bootstrapServers, registryUrl).newProducer();
    }

    /**
     * A plain consumer of events on a plaintext broker without credentials (tests, tools); see
     * {@link KafkaConnection#consumerConfig}.
     */
    public static KafkaConsumer<String, SpecificRecord> newConsumer(String bootstrapServers, String registryUrl,
                                                                    String groupId) {
        return newConsumer(bootstrapServers, registryUrl, groupId, Map.of());
    }

    /** As {@link #newConsumer(String, String, String)}, with some consumer settings of the caller's. */
    public static KafkaConsumer<String, SpecificRecord> newConsumer(String bootstrapServers, String registryUrl,
                                                                    String groupId, Map<String, Object> overrides) {
        return KafkaConnection.plaintext(bootstrapServers, registryUrl).newConsumer(groupId, overrides);
    }
}
