package io.graphium.kafka;

import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.graphium.events.TrustedEventClasses;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.avro.strategy.RecordIdStrategy;
import io.apicurio.registry.serde.kafka.config.KafkaSerdeConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The one place where event serialization is configured: Avro through the Apicurio serde, writing the Confluent
 * wire format (magic byte 0, 4-byte schema id, Avro body, nothing in headers) so any Confluent-compatible client can
 * read our topics through the registry's {@code /apis/ccompat/v7} API.
 */
public final class EventSerialization {

    static {
        TrustedEventClasses.register();
    }

    private EventSerialization() {
    }

    /**
     * Serde settings for a registry at {@code registryUrl} (its base URL, e.g. {@code http://127.0.0.1:8081}).
     * Schemas are registered under their record name (RecordIdStrategy), which lets one topic carry several
     * command types in order; the registry enforces BACKWARD compatibility for every new version.
     */
    public static Map<String, Object> serdeConfig(String registryUrl) {
        return serdeConfig(RegistryClient.at(registryUrl));
    }

    /** As {@link #serdeConfig(String)}, with the registry's credentials and trust store when it has them. */
    public static Map<String, Object> serdeConfig(RegistryClient registry) {
        Map<String, Object> config = new HashMap<>(registry.serdeSecurity());
        config.put(SchemaResolverConfig.REGISTRY_URL, registry.apiUrl());
        config.put(SchemaResolverConfig.ARTIFACT_RESOLVER_STRATEGY, RecordIdStrategy.class.getName());
        config.put(SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, true);
        config.put(SchemaResolverConfig.AUTO_REGISTER_ARTIFACT_IF_EXISTS, "FIND_OR_CREATE_VERSION");
        // Register each schema whole (nested records inlined), not as references to other artifacts: clients that
        // do not follow references (many Confluent clients) and the compatibility checker get one complete schema.
        config.put(SchemaResolverConfig.DEREFERENCE_SCHEMA, true);
        // A registry that is slow once (busy, restarting) must not fail a publish: retry its calls a few times.
        config.put(SchemaResolverConfig.RETRY_COUNT, 4);
        config.put(SchemaResolverConfig.RETRY_BACKOFF_MS, 500);
        config.put(KafkaSerdeConfig.ENABLE_HEADERS, false);
        config.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        return config;
    }

    /** A value serializer for our events, configured for {@code registryUrl}. */
    public static Serializer<SpecificRecord> valueSerializer(String registryUrl) {
        return valueSerializer(RegistryClient.at(registryUrl));
    }

    /** A value serializer for our events, configured for {@code registry}. */
    public static Serializer<SpecificRecord> valueSerializer(RegistryClient registry) {
        AvroKafkaSerializer<SpecificRecord> serializer = new AvroKafkaSerializer<>();
        serializer.configure(serdeConfig(registry), false);
        return serializer;
    }

    /** A value deserializer for our events (specific classes), configured for {@code registryUrl}. */
    public static Deserializer<SpecificRecord> valueDeserializer(String registryUrl) {
        return valueDeserializer(RegistryClient.at(registryUrl));
    }

    /** A value deserializer for our events (specific classes), configured for {@code registry}. */
    public static Deserializer<SpecificRecord> valueDeserializer(RegistryClient registry) {
        AvroKafkaDeserializer<SpecificRecord> deserializer = new AvroKafkaDeserializer<>();
        deserializer.configure(serdeConfig(registry), false);
        return deserializer;
    }

    /** The serde talks Apicurio's own v2 API; accept the registry's base URL or that API's URL. */
    static String apicurioApiUrl(String registryUrl) {
        String base = registryUrl.replaceAll("/+$", "");
        return base.endsWith("/apis/registry/v2") ? base : base + "/apis/registry/v2";
    }
}
