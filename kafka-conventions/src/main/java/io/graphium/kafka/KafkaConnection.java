package io.graphium.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Where and how every hand-built Kafka client connects: the same bootstrap servers and security settings Spring Boot
 * gives its own clients ({@code spring.kafka.bootstrap-servers}, {@code spring.kafka.security.*},
 * {@code spring.kafka.ssl.*}, {@code spring.kafka.properties.sasl.*}, and the consumer/producer/admin-specific ones),
 * plus the schema registry client. Build it once from Spring's {@link KafkaProperties} ({@link #of}); a consumer
 * that reads a topic by hand (state restore, history) then cannot connect differently from the listeners.
 *
 * @param consumerBase what Spring's consumer factory is given, without its group id
 * @param producerBase what Spring's producer factory is given, without a transactional id
 * @param adminBase    what Spring's {@code KafkaAdmin} is given
 * @param registry     the schema registry client settings
 */
public record KafkaConnection(Map<String, Object> consumerBase, Map<String, Object> producerBase,
                              Map<String, Object> adminBase, RegistryClient registry) {

    public KafkaConnection {
        consumerBase = Map.copyOf(consumerBase);
        producerBase = Map.copyOf(producerBase);
        adminBase = Map.copyOf(adminBase);
    }

    /** The settings Spring Boot builds its clients from, and the registry client of {@code graphium.kafka.*}. */
    public static KafkaConnection of(KafkaProperties spring, RegistryClient registry) {
        Map<String, Object> consumer = new HashMap<>(spring.buildConsumerProperties());
        consumer.remove(ConsumerConfig.GROUP_ID_CONFIG); // each hand-built consumer says whether it has a group
        Map<String, Object> producer = new HashMap<>(spring.buildProducerProperties());
        producer.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return new KafkaConnection(consumer, producer, spring.buildAdminProperties(), registry);
    }

    /**
     * A connection given as plain client properties (bootstrap servers, {@code security.protocol}, {@code sasl.*},
     * {@code ssl.*}): what tools and tests use, applied to consumers, producers and admin clients alike.
     */
    public static KafkaConnection of(Map<String, Object> clientProperties, RegistryClient registry) {
        return new KafkaConnection(clientProperties, clientProperties, clientProperties, registry);
    }

    /** A plaintext connection without credentials (tests, dev mode). */
    public static KafkaConnection plaintext(String bootstrapServers, String registryUrl) {
        return of(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                RegistryClient.at(registryUrl));
    }

    /**
     * The settings of a consumer of events: Spring's connection, then Graphium's consumer conventions, then the
     * caller's {@code overrides}. Values are deserialized directly (no error-handling wrapper): a caller without a
     * dead-letter handler should see a bad record fail loudly. {@code groupId} null: the caller assigns partitions
     * itself and commits nothing.
     */
    public Map<String, Object> consumerConfig(String groupId, Map<String, Object> overrides) {
        Map<String, Object> settings = new HashMap<>(consumerBase);
        settings.putAll(KafkaClientSettings.consumerSettings(registry));
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                io.apicurio.registry.serde.avro.AvroKafkaDeserializer.class);
        if (groupId != null) {
            settings.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        settings.putAll(overrides);
        return settings;
    }

    /** The settings of a producer of events: Spring's connection, then Graphium's producer safety and serde. */
    public Map<String, Object> producerConfig() {
        Map<String, Object> settings = new HashMap<>(producerBase);
        settings.putAll(KafkaClientSettings.producerSettings(registry));
        return settings;
    }

    /**
     * Where and how to connect, and nothing else (bootstrap servers, client id, {@code security.protocol},
     * {@code sasl.*}, {@code ssl.*}): for a client that brings its own serdes and semantics, e.g. Kafka Streams.
     */
    public Map<String, Object> connectionSettings() {
        Map<String, Object> settings = new HashMap<>();
        consumerBase.forEach((key, value) -> {
            if (key.equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) || key.equals(CommonClientConfigs.CLIENT_ID_CONFIG)
                    || key.equals(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG) || key.equals(
                    CommonClientConfigs.CLIENT_DNS_LOOKUP_CONFIG) || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                settings.put(key, value);
            }
        });
        return settings;
    }

    /** A consumer of events; see {@link #consumerConfig}. */
    public KafkaConsumer<String, SpecificRecord> newConsumer(String groupId) {
        return newConsumer(groupId, Map.of());
    }

    /** A consumer of events with some settings of the caller's; see {@link #consumerConfig}. */
    public KafkaConsumer<String, SpecificRecord> newConsumer(String groupId, Map<String, Object> overrides) {
        return new KafkaConsumer<>(consumerConfig(groupId, overrides));
    }

    /** A producer of events. */
    public KafkaProducer<String, SpecificRecord> newProducer() {
        return new KafkaProducer<>(producerConfig());
    }

    /** An admin client with the same connection. */
    public Admin newAdmin() {
        Map<String, Object> settings = new HashMap<>(adminBase);
        settings.putIfAbsent(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, consumerBase.get(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
        return Admin.create(settings);
    }

    @Override
    public String toString() { // the maps hold passwords (sasl.jaas.config, ssl.*.password)
        return "KafkaConnection[bootstrap=" + consumerBase.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)
                + ", security.protocol=" + consumerBase.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
                "PLAINTEXT") + ", registry=" + registry + "]";
    }
}
