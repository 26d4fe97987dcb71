package io.graphium.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/** Hand-built clients connect exactly as Spring's do, and the registry clients carry credentials and trust. */
class KafkaConnectionTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"graphium-orchestrator\" password=\"s3cret\";";

    @TempDir
    Path dir;

    @Test
    void aHandBuiltConsumerGetsSpringsSaslAndSslSettings() throws Exception {
        Path trustStore = emptyTrustStore();
        KafkaProperties spring = bind(Map.of(
                "spring.kafka.bootstrap-servers", "127.0.0.1:19093",
                "spring.kafka.security.protocol", "SASL_SSL",
                "spring.kafka.ssl.trust-store-location", "file:" + trustStore,
                "spring.kafka.ssl.trust-store-password", "changeit",
                "spring.kafka.ssl.trust-store-type", "PKCS12",
                "spring.kafka.properties.sasl.mechanism", "SCRAM-SHA-512",
                "spring.kafka.properties.sasl.jaas.config", JAAS,
                "spring.kafka.consumer.group-id", "orchestrator"));
        KafkaConnection connection = KafkaConnection.of(spring, RegistryClient.at("http://127.0.0.1:8081"));

        Map<String, Object> config = connection.consumerConfig(null, Map.of());

        assertThat(config).containsEntry("bootstrap.servers", List.of("127.0.0.1:19093"))
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", JAAS)
                .containsEntry("ssl.truststore.location", trustStore.toString())
                .containsEntry("ssl.truststore.password", "changeit")
                .containsEntry("ssl.truststore.type", "PKCS12")
                .doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG) // assign-only readers join no group
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        assertThat(connection.consumerConfig("history", Map.of())).containsEntry(ConsumerConfig.GROUP_ID_CONFIG,
                "history");
        assertThat(connection.producerConfig()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.jaas.config", JAAS).containsEntry("enable.idempotence", true);
        assertThat(connection.toString()).doesNotContain("s3cret").doesNotContain("changeit");
        // The client accepts the settings (SASL login module, TLS trust store) as they are.
        try (KafkaConsumer<String, SpecificRecord> consumer = connection.newConsumer(null)) {
            assertThat(consumer).isNotNull();
        }
    }

    @Test
    void theSerdeGetsTheRegistrysCredentialsAndTrustStore() {
        RegistryClient registry = new RegistryClient("https://registry:8443", "graphium-orchestrator", "s3cret",
                "/etc/graphium/registry-trust.p12", "changeit", "PKCS12");

        Map<String, Object> serde = KafkaClientSettings.consumerSettings(registry);

        assertThat(serde).containsEntry(SchemaResolverConfig.REGISTRY_URL, "https://registry:8443/apis/registry/v2")
                .containsEntry(SchemaResolverConfig.AUTH_USERNAME, "graphium-orchestrator")
                .containsEntry(SchemaResolverConfig.AUTH_PASSWORD, "s3cret")
                .containsEntry(SchemaResolverConfig.TLS_TRUSTSTORE_LOCATION, "/etc/graphium/registry-trust.p12")
                .containsEntry(SchemaResolverConfig.TLS_TRUSTSTORE_PASSWORD, "changeit")
                .containsEntry(SchemaResolverConfig.TLS_TRUSTSTORE_TYPE, "PKCS12");
        assertThat(KafkaClientSettings.producerSettings(registry)).containsEntry(SchemaResolverConfig.AUTH_USERNAME,
                "graphium-orchestrator");
        assertThat(registry.toString()).doesNotContain("s3cret");
        assertThat(KafkaClientSettings.consumerSettings("http://r:8081")).doesNotContainKeys(
                SchemaResolverConfig.AUTH_USERNAME, SchemaResolverConfig.TLS_TRUSTSTORE_LOCATION);
    }

    @Test
    void graphiumKafkaPropertiesBindTheRegistryClient() {
        GraphiumKafkaProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                "graphium.kafka.registry-url", "https://registry:8443",
                "graphium.kafka.registry.username", "graphium-placement",
                "graphium.kafka.registry.password", "pw",
                "graphium.kafka.registry.trust-store-location", "/trust.jks")))
                .bind("graphium.kafka", GraphiumKafkaProperties.class).get();

        assertThat(properties.registryClient()).isEqualTo(new RegistryClient("https://registry:8443",
                "graphium-placement", "pw", "/trust.jks", null, "JKS"));
    }

    @Test
    void theRegistrarSendsBasicCredentials() throws Exception {
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            new SchemaRegistrar(new RegistryClient(url, "graphium-agent-h1", "pw1", null, null, null))
                    .afterSingletonsInstantiated();
        } finally {
            server.stop(0);
        }
        String expected = "Basic " + Base64.getEncoder().encodeToString("graphium-agent-h1:pw1".getBytes(
                StandardCharsets.UTF_8));
        assertThat(authorizations).isNotEmpty().allMatch(expected::equals);
    }

    private static KafkaProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bind("spring.kafka", KafkaProperties.class)
                .get();
    }

    private Path emptyTrustStore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        Path file = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, "changeit".toCharArray());
        }
        return file;
    }
}
