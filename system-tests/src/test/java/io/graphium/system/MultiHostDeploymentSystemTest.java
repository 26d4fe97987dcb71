package io.graphium.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphium.events.ContainerDefinition;
import io.graphium.events.DeploymentSpec;
import io.graphium.events.PlacementStrategy;
import io.graphium.events.PortMapping;
import io.graphium.events.StackDefinition;
import io.graphium.events.StackDeployRequested;
import io.graphium.events.StackDeploymentStatus;
import io.graphium.events.StackStatus;
import io.graphium.infra.InfraScript;
import io.graphium.infra.RequiresInfra;
import io.graphium.infra.TestbedHost;
import io.graphium.kafka.KafkaClientSettings;
import io.graphium.kafka.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The walking skeleton, for real: three Docker hosts (network namespaces, one dockerd each), a real broker and
 * registry, one host agent per host started inside its namespace against that host's daemon, and the orchestrator
 * and placement service as processes. Deploys the specification's my-app stack (busybox stand-ins on the same ports)
 * with the spread strategy and checks what a user would check.
 */
@RequiresInfra(RequiresInfra.Capability.TESTBED)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiHostDeploymentSystemTest {

    private static final Duration DEPLOY_DEADLINE = Duration.ofMinutes(3);
    private static final String IMAGE = "graphium/busybox:1";

    private final String password = "pw-" + UUID.randomUUID();
    private TestSystem system;

    @BeforeAll
    void startTheSystem() {
        system = TestSystem.start(3);
    }

    @AfterAll
    void stopTheSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void deploysMyAppAcrossThreeHostsAndWiresItsServicesTogether() throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> accepted = post("/api/v1/stacks", myApp("my-app"));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String status = awaitStatus("my-app", "RUNNING");
        long toRunning = (System.nanoTime() - started) / 1_000_000;

        Map<String, String> hostOf = OrchestratorApi.placements(status);
        assertThat(new TreeSet<>(hostOf.values())).as("spread over all three hosts").hasSize(3);
        Map<String, Integer> ports = Map.of("web", 8080, "api", 3000, "postgres", 5432, "redis", 6379);
        for (var service : ports.entrySet()) {
            String ip = ipOf(hostOf.get(service.getKey()));
            assertThat(fetch("http://" + ip + ":" + service.getValue() + "/")).as(service.getKey() + " on " + ip)
                    .contains(service.getKey().equals("web") ? "web: api at " : service.getKey());
        }
        // The api container itself reads POSTGRES_ENDPOINT / REDIS_ENDPOINT and fetches from those other hosts.
        String apiUrl = "http://" + ipOf(hostOf.get("api")) + ":3000/";
        await("api reaches postgres and redis through the injected endpoints").atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> {
                    assertThat(fetch(apiUrl + "postgres.txt")).contains("postgres");
                    assertThat(fetch(apiUrl + "redis.txt")).contains("redis");
                });
        List<String> apiEnv = containerEnv(hostOf.get("api"), "my-app-api");
        assertThat(apiEnv).contains("POSTGRES_HOST=" + ipOf(hostOf.get("postgres")), "POSTGRES_PORT=5432",
                "POSTGRES_ENDPOINT=" + ipOf(hostOf.get("postgres")) + ":5432",
                "REDIS_ENDPOINT=" + ipOf(hostOf.get("redis")) + ":6379");
        assertThat(fetch("http://" + ipOf(hostOf.get("web")) + ":8080/"))
                .contains("database at " + ipOf(hostOf.get("postgres")) + ":5432");
        // The secret reaches its container, and travels on no topic in clear text.
        assertThat(containerEnv(hostOf.get("postgres"), "my-app-postgres")).contains("POSTGRES_PASSWORD=" + password);
        assertThat(topicsContaining(password)).as("topics holding the password in clear text").isEmpty();
        // A dashboard's plain Kafka consumer sees the same state, deserialized through the registry.
        assertThat(latestStatusOnTopic("my-app").getStatus()).isEqualTo(StackStatus.RUNNING);

        long raw = rawDockerRun(hostOf);
        System.out.printf("%nMEASURED request-to-RUNNING for the 4-container stack: %d ms; raw `docker run -d` of the "
                + "same 4 containers on the same hosts: %d ms%n%n", toRunning, raw);
    }

    @Test
    @Order(2)
    void stackDeployRequestedPublishedStraightToKafkaDeploysTheSameWay() throws Exception {
        StackDefinition definition = StackDefinition.newBuilder().setName("second")
                .setDeployment(DeploymentSpec.newBuilder().setPlacementStrategy(PlacementStrategy.SPREAD).build())
                .setContainers(List.of(
                        busybox("front", 9080, "echo front > /www/index.html && exec httpd -f -p 80 -h /www"),
                        busybox("back", 9081, "echo back > /www/index.html && exec httpd -f -p 80 -h /www")))
                .build();
        StackDeployRequested command = StackDeployRequested.newBuilder().setCommandId(UUID.randomUUID().toString())
                .setRequestedAt(Instant.now()).setRequestedBy("system-test").setStackId("second")
                .setDefinition(definition).build();
        try (KafkaProducer<String, SpecificRecord> producer =
                     KafkaClientSettings.newProducer(system.kafka.bootstrapServers(), system.registry.url())) {
            producer.send(new ProducerRecord<>(Topics.STACK_COMMANDS.name(), "second", command)).get();
        }
        String status = awaitStatus("second", "RUNNING");
        Map<String, String> hostOf = OrchestratorApi.placements(status);
        assertThat(fetch("http://" + ipOf(hostOf.get("front")) + ":9080/")).contains("front");
        assertThat(fetch("http://" + ipOf(hostOf.get("back")) + ":9081/")).contains("back");
    }

    @Test
    @Order(3)
    void impossibleRequestFailsWithAReasonAndStartsNothing() throws Exception {
        String definition = myApp("nowhere").replace("\"placementStrategy\": \"spread\"",
                "\"placementStrategy\": \"datacenter\"").replace("\"deployment\": {",
                "\"location\": \"mars-1\", \"deployment\": {");
        HttpResponse<String> accepted = post("/api/v1/stacks", definition);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String status = awaitStatus("nowhere", "FAILED");
        assertThat(status).contains("mars-1");
        for (TestbedHost host : system.testbed.hosts()) {
            assertThat(host.docker("ps", "-aq", "--filter", "label=io.graphium.stack=nowhere").stdout())
                    .as("containers of the failed stack on " + host.name()).isBlank();
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private String awaitStatus(String stackId, String expected) {
        return system.api().awaitStatus(stackId, expected, DEPLOY_DEADLINE);
    }

    private String ipOf(String hostId) {
        return system.ipOf(hostId);
    }

    private TestbedHost host(String hostId) {
        return system.host(hostId);
    }

    private List<String> containerEnv(String hostId, String container) {
        InfraScript.Result env = host(hostId).docker("inspect", "--format", "{{range .Config.Env}}{{println .}}{{end}}",
                container);
        assertThat(env.exitCode()).as(env.stderr()).isZero();
        return env.stdout().lines().toList();
    }

    /** Every topic with a record whose raw bytes contain {@code text}. */
    private Set<String> topicsContaining(String text) {
        Set<String> found = new TreeSet<>();
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "secret-scan-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(Pattern.compile("graphium\\..*"));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (r.value() != null && indexOf(r.value(), needle) >= 0) {
                        found.add(r.topic());
                    }
                });
            }
        }
        return found;
    }

    private StackDeploymentStatus latestStatusOnTopic(String stackId) {
        try (KafkaConsumer<String, SpecificRecord> consumer = KafkaClientSettings.newConsumer(system.kafka.bootstrapServers(),
                system.registry.url(), "dashboard-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(Topics.STACK_STATUS.name()));
            StackDeploymentStatus[] latest = new StackDeploymentStatus[1];
            await("a RUNNING snapshot of " + stackId).atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (r.value() instanceof StackDeploymentStatus s && s.getStackId().equals(stackId)
                            && (latest[0] == null || s.getVersion() > latest[0].getVersion())) {
                        latest[0] = s;
                    }
                });
                return latest[0] != null && latest[0].getStatus() == StackStatus.RUNNING;
            });
            return latest[0];
        }
    }

    /** Plain `docker run -d` of the same four containers on the same hosts, on other ports; total wall time. */
    private long rawDockerRun(Map<String, String> hostOf) {
        int offset = 100;
        Map<String, Integer> ports = Map.of("web", 8080, "api", 3000, "postgres", 5432, "redis", 6379);
        long started = System.nanoTime();
        for (var container : hostOf.entrySet()) {
            int port = ports.get(container.getKey()) + offset;
            InfraScript.Result run = host(container.getValue()).docker("run", "-d", "--init", "--label",
                    "graphium-system-test=raw", "--name", "raw-" + container.getKey(), "-p", port + ":80", IMAGE,
                    "httpd", "-f", "-p", "80");
            assertThat(run.exitCode()).as(run.stderr()).isZero();
        }
        long elapsed = (System.nanoTime() - started) / 1_000_000;
        hostOf.forEach((container, hostId) -> host(hostId).docker("rm", "-f", "raw-" + container));
        return elapsed;
    }

    private static ContainerDefinition busybox(String name, int hostPort, String script) {
        return ContainerDefinition.newBuilder().setName(name).setImage(IMAGE)
                .setPorts(List.of(PortMapping.newBuilder().setContainerPort(80).setHostPort(hostPort).build()))
                .setCommand(List.of("sh", "-c", script)).build();
    }

    private String myApp(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/my-app.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\"name\": \"my-app\"",
                    "\"name\": \"" + name + "\"").replace("\"POSTGRES_PASSWORD\": \"secret\"",
                    "\"POSTGRES_PASSWORD\": \"" + password + "\"");
        }
    }

    private static String fetch(String url) throws Exception {
        return OrchestratorApi.fetch(url);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return system.api().post(path, body);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
