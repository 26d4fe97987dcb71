package io.graphium.agent.packaging;

import io.graphium.admission.AdmissionPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.agent.AgentProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The config file the packages install (packaging/agent.properties): every key in it, commented or not, is one the
 * agent reads, and the documented TLS and SASL settings reach the Kafka clients.
 */
class AgentConfigFileTest {

    private static final Pattern KEY = Pattern.compile("^#?([a-z][a-z0-9.\\[\\]-]+)=(.*)$");
    /** Keys that are maps: any sub-key is valid. */
    private static final List<String> MAPS = List.of("graphium.agent.labels.", "spring.kafka.properties.",
            "logging.level.");

    @Test
    void everyKeyIsOneTheAgentReads() throws IOException {
        Set<String> known = knownKeys();
        List<String> unknown = allKeys().keySet().stream()
                .filter(key -> MAPS.stream().noneMatch(key::startsWith) && !known.contains(key)).toList();
        assertThat(unknown).as("keys in agent.properties that nothing reads").isEmpty();
    }

    @Test
    void commentedKeysBindToTheAgentsSettings() throws IOException {
        AgentProperties agent = binder().bind("graphium.agent", AgentProperties.class).get();
        assertThat(agent.hostId()).isEqualTo("web-01");
        assertThat(agent.labels()).containsEntry("zone", "a").containsEntry("disk", "ssd");
        assertThat(agent.heartbeatInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(agent.dockerHost()).hasToString("unix:///var/run/docker.sock");
    }

    @Test
    void commentedAdmissionKeysBindToThePolicy() throws IOException {
        AdmissionPolicy policy = binder().bind("graphium.admission", AdmissionPolicy.class).get();
        assertThat(policy.hostPaths()).containsExactly(new AdmissionPolicy.AllowedPath("/srv/graphium", false),
                new AdmissionPolicy.AllowedPath("/etc/graphium", true));
        assertThat(policy.registries()).containsExactly("registry.example.com:5000", "docker.io");
        assertThat(policy.maxEnvBytes()).isEqualTo(65536);
    }

    @Test
    void tlsAndSaslSettingsReachTheKafkaClients() throws IOException {
        KafkaProperties kafka = binder().bind("spring.kafka", KafkaProperties.class).get();
        Map<String, Object> producer = kafka.buildProducerProperties();
        assertThat(producer).containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.truststore.type", "PKCS12")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsKey("ssl.truststore.location")
                .containsKey("ssl.keystore.location");
    }

    @Test
    void registryCredentialsReachTheRegistryClient() throws IOException {
        io.graphium.kafka.RegistryClient registry = binder().bind("graphium.kafka",
                io.graphium.kafka.GraphiumKafkaProperties.class).get().registryClient();
        assertThat(registry.username()).isEqualTo("graphium-agent-web-01");
        assertThat(registry.trustStoreType()).isEqualTo("PKCS12");
    }

    /** Every key of the file with its value, the commented ones too (the last value of a repeated key). */
    private static Map<String, String> allKeys() throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Commands.PACKAGING.resolve("agent.properties"))) {
            Matcher matcher = KEY.matcher(line.strip());
            if (matcher.matches()) {
                keys.put(matcher.group(1), matcher.group(2));
            }
        }
        return keys;
    }

    /** The file with every key switched on; store files are not opened by binding, so they need not exist. */
    private static Binder binder() throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(allKeys().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n"))));
        return new Binder(new MapConfigurationPropertySource(properties));
    }

    /** Keys described by Spring Boot's configuration metadata, plus the Graphium records' components. */
    private static Set<String> knownKeys() throws IOException {
        Set<String> known = new java.util.HashSet<>();
        Pattern name = Pattern.compile("\"name\"\\s*:\\s*\"([a-z0-9.\\-\\[\\]]+)\"");
        for (var resource : new PathMatchingResourcePatternResolver()
                .getResources("classpath*:META-INF/spring-configuration-metadata.json")) {
            try (InputStream in = resource.getInputStream()) {
                Matcher matcher = name.matcher(new String(in.readAllBytes()));
                while (matcher.find()) {
                    known.add(matcher.group(1));
                }
            }
        }
        known.addAll(components("graphium.agent.", AgentProperties.class));
        for (int i = 0; i < 10; i++) {
            known.addAll(components("graphium.agent.registries[" + i + "].", AgentProperties.Registry.class));
        }
        known.addAll(components("graphium.kafka.", io.graphium.kafka.GraphiumKafkaProperties.class));
        known.addAll(components("graphium.kafka.registry.", io.graphium.kafka.GraphiumKafkaProperties.Registry.class));
        known.addAll(components("graphium.secrets.", io.graphium.kafka.SecretsProperties.class));
        known.addAll(components("graphium.admission.", AdmissionPolicy.class));
        for (int i = 0; i < 10; i++) {
            known.addAll(components("graphium.admission.host-paths[" + i + "].", AdmissionPolicy.AllowedPath.class));
        }
        return known;
    }

    private static List<String> components(String prefix, Class<?> record) {
        List<String> keys = new ArrayList<>();
        Arrays.stream(record.getRecordComponents()).forEach(c -> keys.add(prefix
                + c.getName().replaceAll("([A-Z])", "-$1").toLowerCase()));
        return keys;
    }
}
