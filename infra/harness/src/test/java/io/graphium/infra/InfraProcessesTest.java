package io.graphium.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/** Starts the real broker and registry as processes through infra/bin, uses them, stops them. */
@RequiresInfra(RequiresInfra.Capability.JAVA_PROCESSES)
class InfraProcessesTest {

    private static final String SUBJECT = "infra-test-value";
    private static final String SCHEMA_V1 = "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"X\\\","
            + "\\\"fields\\\":[{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"string\\\"}]}\"}";
    /** Adds a required field without default: not BACKWARD compatible. */
    private static final String SCHEMA_V2_INCOMPATIBLE = "{\"schema\":\"{\\\"type\\\":\\\"record\\\","
            + "\\\"name\\\":\\\"X\\\",\\\"fields\\\":[{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"string\\\"},"
            + "{\\\"name\\\":\\\"b\\\",\\\"type\\\":\\\"int\\\"}]}\"}";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void startsUsesAndStopsBrokerAndRegistry() throws Exception {
        long t0 = System.nanoTime();
        KafkaBrokerProcess kafka = KafkaBrokerProcess.start();
        long brokerMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        long registryMs;
        SchemaRegistryProcess registry;
        try {
            long t1 = System.nanoTime();
            registry = SchemaRegistryProcess.start();
            registryMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1);
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        System.out.printf("broker started in %d ms (%s), registry started in %d ms (%s)%n",
                brokerMs, kafka, registryMs, registry);

        long kafkaPid = kafka.pid();
        long registryPid = registry.pid();
        Path kafkaState = kafka.stateDir();
        Path registryState = registry.stateDir();
        InetSocketAddress kafkaAddress = address(kafka.bootstrapServers());
        URI registryUri = URI.create(registry.url());
        try (kafka; registry) {
            assertThat(kafka.isAlive()).isTrue();
            assertThat(registry.isAlive()).isTrue();
            assertThat(registry.apicurioApiUrl()).isEqualTo(registry.url() + "/apis/registry/v2");
            assertThat(registry.confluentApiUrl()).isEqualTo(registry.url() + "/apis/ccompat/v7");

            HttpResponse<String> subjects = get(registry.confluentApiUrl() + "/subjects");
            assertThat(subjects.statusCode()).isEqualTo(200);
            assertThat(subjects.body().strip()).isEqualTo("[]");

            HttpResponse<String> registered = post(registry.confluentApiUrl() + "/subjects/" + SUBJECT + "/versions",
                    SCHEMA_V1);
            assertThat(registered.statusCode()).isEqualTo(200);
            assertThat(registered.body()).contains("\"id\"");
            HttpResponse<String> rejected = post(registry.confluentApiUrl() + "/subjects/" + SUBJECT + "/versions",
                    SCHEMA_V2_INCOMPATIBLE);
            assertThat(rejected.statusCode()).as("BACKWARD rule rejects %s", rejected.body()).isEqualTo(409);

            HttpResponse<String> info = get(registry.apicurioApiUrl() + "/system/info");
            assertThat(info.statusCode()).isEqualTo(200);
            assertThat(info.body()).contains("apicurio-registry");

            try (Admin admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
                admin.createTopics(List.of(new NewTopic("infra-test", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("infra-test");
                assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
            }
        }

        assertThat(ProcessHandle.of(kafkaPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(ProcessHandle.of(registryPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(kafka.isAlive()).isFalse();
        assertThat(registry.isAlive()).isFalse();
        assertThat(accepts(kafkaAddress)).as("broker port %s closed", kafkaAddress).isFalse();
        assertThat(accepts(new InetSocketAddress(registryUri.getHost(), registryUri.getPort())))
                .as("registry port %s closed", registryUri).isFalse();
        assertThat(Files.exists(kafkaState)).isFalse();
        assertThat(Files.exists(registryState)).isFalse();
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private static boolean accepts(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
