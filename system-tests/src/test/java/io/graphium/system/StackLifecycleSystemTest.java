package io.graphium.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphium.events.ContainerDefinition;
import io.graphium.events.ContainerDependency;
import io.graphium.events.DeploymentSpec;
import io.graphium.events.HealthCheck;
import io.graphium.events.HealthCheckType;
import io.graphium.events.PlacementStrategy;
import io.graphium.events.PortMapping;
import io.graphium.events.SecretSealer;
import io.graphium.events.StackDefinition;
import io.graphium.events.StackDeployRequested;
import io.graphium.infra.DockerTestbed;
import io.graphium.infra.KafkaBrokerProcess;
import io.graphium.infra.RequiresInfra;
import io.graphium.infra.SchemaRegistryProcess;
import io.graphium.infra.TestbedHost;
import io.graphium.kafka.KafkaClientSettings;
import io.graphium.kafka.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A stack's whole life on three real Docker hosts with every service as a process: dependency waves across hosts
 * (an api that waits for a database that becomes healthy late), a health check that never passes (FAILED, rolled
 * back, nothing left anywhere), stop/start/remove with the stack's volumes, and the orchestrator killed with -9 while
 * a deployment waits for a dependency, then restarted: the deployment finishes, no container twice.
 * Needs host agents that report health changes as Docker sees them.
 */
@RequiresInfra(RequiresInfra.Capability.TESTBED)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackLifecycleSystemTest {

    private static final String GATEWAY = "10.213.0.1";
    private static final Duration DEADLINE = Duration.ofMinutes(3);
    private static final String IMAGE = "graphium/busybox:1";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final List<ServiceProcess> services = new ArrayList<>();
    private DockerTestbed testbed;
    private KafkaBrokerProcess kafka;
    private SchemaRegistryProcess registry;
    private ServiceProcess orchestrator;
    private Map<String, String> common;
    private int orchestratorPort;

    @BeforeAll
    void startTheSystem() {
        testbed = DockerTestbed.up(3);
        testbed.hosts().forEach(TestbedHost::removeAllContainers);
        kafka = KafkaBrokerProcess.start(GATEWAY);
        registry = SchemaRegistryProcess.start(GATEWAY);
        common = Map.of("GRAPHIUM_KAFKA", kafka.bootstrapServers(), "GRAPHIUM_REGISTRY", registry.url(),
                "GRAPHIUM_SECRETS_SEALING_KEY", SecretSealer.newBase64Key());
        services.add(ServiceProcess.start("placement-service", "placement-service", List.of(), common, "127.0.0.1",
                freePort()));
        orchestratorPort = freePort();
        orchestrator = startOrchestrator("orchestrator-service");
        for (TestbedHost host : testbed.hosts()) {
            Map<String, String> agent = new HashMap<>(common);
            agent.putAll(Map.of("GRAPHIUM_AGENT_HOST_ID", host.name(), "GRAPHIUM_AGENT_NAME", "testbed " + host.name(),
                    "GRAPHIUM_AGENT_IP_ADDRESS", host.ipAddress(), "GRAPHIUM_AGENT_DATACENTER", "dc-1",
                    "GRAPHIUM_AGENT_DOCKER_HOST", host.dockerHost()));
            List<String> namespace = host.inNamespace("true");
            services.add(ServiceProcess.start("host-agent-" + host.name(), "host-agent",
                    namespace.subList(0, namespace.size() - 1), agent, host.ipAddress(), 8083));
        }
        services.forEach(ServiceProcess::awaitReady);
        orchestrator.awaitReady();
    }

    @AfterAll
    void stopTheSystem() {
        if (orchestrator != null) {
            orchestrator.close();
        }
        services.forEach(ServiceProcess::close);
        if (testbed != null) {
            testbed.hosts().forEach(TestbedHost::removeAllContainers);
            testbed.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    @Order(1)
    void anApiWaitsForADatabaseThatBecomesHealthyLateOnAnotherHost() throws Exception {
        assertThat(post("/api/v1/stacks", waves("waves", 1, 8)).statusCode()).isEqualTo(202);
        String running = awaitStatus("waves", "RUNNING");

        Map<String, String> hostOf = placements(running);
        assertThat(hostOf.values()).as("spread over the three hosts").doesNotHaveDuplicates();
        // web fetched api's copy of the database's page at start: each started only once its dependency was ready.
        assertThat(fetch("http://" + ipOf(hostOf.get("web")) + ":18080/api.txt")).contains("db ready");
        assertThat(history("waves")).containsSubsequence("'db' on host", "HEALTHY",
                "told host " + hostOf.get("api") + " to deploy container 'api'");
    }

    @Test
    @Order(2)
    void aHealthCheckThatNeverPassesFailsTheDeploymentAndLeavesNothingOnAnyHost() throws Exception {
        // Straight over Kafka, as any producer may, with a deadline of its own: a database whose check always fails
        // on one host, a cache on another that starts and runs, an api that waits for the database's health.
        StackDefinition definition = StackDefinition.newBuilder().setName("sick")
                .setDeployment(DeploymentSpec.newBuilder().setPlacementStrategy(PlacementStrategy.SPREAD).build())
                .setContainers(List.of(
                        busybox("db", 25432, List.of(), "echo db > /www/index.html; exec httpd -f -p 80 -h /www")
                                .setHealthCheck(HealthCheck.newBuilder().setType(HealthCheckType.COMMAND)
                                        .setCommand(List.of("false")).setIntervalMillis(1000).setRetries(2).build())
                                .build(),
                        busybox("cache", 26379, List.of(), "exec httpd -f -p 80 -h /www").build(),
                        busybox("api", 23000, List.of(ContainerDependency.newBuilder().setName("db")
                                .setWaitForHealthy(true).build()), "exec httpd -f -p 80 -h /www").build()))
                .build();
        StackDeployRequested command = StackDeployRequested.newBuilder().setCommandId(UUID.randomUUID().toString())
                .setRequestedAt(Instant.now()).setRequestedBy("system-test").setStackId("sick")
                .setDefinition(definition).setDeadlineMillis(60_000).build();
        try (KafkaProducer<String, SpecificRecord> producer =
                     KafkaClientSettings.newProducer(kafka.bootstrapServers(), registry.url())) {
            producer.send(new ProducerRecord<>(Topics.STACK_COMMANDS.name(), "sick", command)).get();
        }
        String failed = awaitStatus("sick", "FAILED");
        assertThat(failed).contains("'db'");
        await("rollback removed every container of the stack").atMost(DEADLINE).untilAsserted(() -> {
            for (TestbedHost host : testbed.hosts()) {
                assertThat(host.docker("ps", "-aq", "--filter", "label=io.graphium.stack=sick").stdout())
                        .as("containers of the failed stack on " + host.name()).isBlank();
            }
        });
        assertThat(history("sick")).contains("ROLLBACK_STARTED");
    }

    @Test
    @Order(3)
    void stopStartAndRemoveWithItsVolumes() throws Exception {
        String ops = """
                {"name": "ops", "volumes": ["ops-data"], "itemListElement": [
                  {"name": "app", "image": "%s", "ports": [{"containerPort": 80, "hostPort": 33000}],
                   "volumeMounts": [{"type": "volume", "source": "ops-data", "target": "/data"}],
                   "command": ["sh", "-c", "date >> /data/starts; cp /data/starts /www/starts.txt; exec httpd -f -p 80 -h /www"]}
                ]}""".formatted(IMAGE);
        assertThat(post("/api/v1/stacks", ops).statusCode()).isEqualTo(202);
        String running = awaitStatus("ops", "RUNNING");
        String host = placements(running).get("app");

        assertThat(post("/api/v1/stacks/ops/stop", "").statusCode()).isEqualTo(202);
        awaitStatus("ops", "STOPPED");
        assertThat(testbedHost(host).docker("ps", "-q", "--filter", "label=io.graphium.stack=ops").stdout())
                .as("nothing of ops runs").isBlank();
        assertThat(post("/api/v1/stacks/ops/stop", "").statusCode()).isEqualTo(409);

        assertThat(post("/api/v1/stacks/ops/start", "").statusCode()).isEqualTo(202);
        awaitStatus("ops", "RUNNING");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(fetch("http://" + ipOf(host) + ":33000/starts.txt").lines().count())
                        .as("the same container and volume, started twice").isEqualTo(2));

        assertThat(delete("/api/v1/stacks/ops?removeVolumes=true").statusCode()).isEqualTo(202);
        await("ops removed").atMost(DEADLINE).until(() -> http.send(HttpRequest.newBuilder(URI.create(
                orchestrator.baseUrl() + "/api/v1/stacks/ops")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode() == 404);
        assertThat(testbedHost(host).docker("ps", "-aq", "--filter", "label=io.graphium.stack=ops").stdout())
                .isBlank();
        assertThat(testbedHost(host).docker("volume", "ls", "-q").stdout()).doesNotContain("ops-data");
        assertThat(history("ops")).contains("REMOVE_REQUESTED", "\"status\":\"REMOVED\"");
    }

    @Test
    @Order(4)
    void anOrchestratorKilledWhileADeploymentWaitsGoesOnAfterRestartWithoutDuplicates() throws Exception {
        assertThat(post("/api/v1/stacks", waves("crash", 4, 25)).statusCode()).isEqualTo(202);
        await("db runs and api waits for it").atMost(DEADLINE).until(() -> {
            String body = get("/api/v1/stacks/crash");
            return body.contains("\"status\":\"DEPLOYING\"") && body.contains("\"name\":\"db\"")
                    && Pattern.compile("\"name\":\"db\",\"hostId\":\"[^\"]+\",\"state\":\"RUNNING\"").matcher(body)
                    .find();
        });
        orchestrator.kill();
        orchestrator = startOrchestrator("orchestrator-service-restarted").awaitReady();

        String running = awaitStatus("crash", "RUNNING");
        assertThat(placements(running)).hasSize(3);
        List<String> names = new ArrayList<>();
        for (TestbedHost host : testbed.hosts()) {
            host.docker("ps", "-a", "--filter", "label=io.graphium.stack=crash", "--format", "{{.Names}}").stdout()
                    .lines().filter(l -> !l.isBlank()).forEach(names::add);
        }
        assertThat(names).as("one container per definition entry, across all hosts")
                .containsExactlyInAnyOrder("crash-db", "crash-api", "crash-web");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /**
     * db answers (and is healthy) only after {@code dbDelay} seconds; api copies db's page at start and exits if it
     * cannot; web copies api's copy likewise. Host ports are offset by {@code n} * 10000 so stacks do not collide.
     */
    private static String waves(String name, int n, int dbDelay) {
        int base = n * 10000;
        return """
                {"name": "%1$s", "deployment": {"placementStrategy": "spread"}, "itemListElement": [
                  {"name": "db", "image": "%2$s", "ports": [{"containerPort": 5432, "hostPort": %3$d}],
                   "command": ["sh", "-c", "sleep %4$d; echo db ready > /www/index.html; exec httpd -f -p 5432 -h /www"],
                   "healthCheck": {"type": "command", "command": ["sh", "-c", "wget -q -O /dev/null http://127.0.0.1:5432/"],
                                   "interval": "1s", "timeout": "2s", "retries": 3}},
                  {"name": "api", "image": "%2$s", "ports": [{"containerPort": 3000, "hostPort": %5$d}],
                   "environment": {"DB_HOST": "", "DB_PORT": ""},
                   "dependsOn": [{"name": "db", "waitForHealthy": true}],
                   "command": ["sh", "-c", "wget -q -O /www/db.txt http://$DB_ENDPOINT/ || exit 3; exec httpd -f -p 3000 -h /www"]},
                  {"name": "web", "image": "%2$s", "ports": [{"containerPort": 80, "hostPort": %6$d}],
                   "environment": {"API_HOST": "", "API_PORT": ""},
                   "dependsOn": ["api"],
                   "command": ["sh", "-c", "wget -q -O /www/api.txt http://$API_ENDPOINT/db.txt || exit 4; exec httpd -f -p 80 -h /www"]}
                ]}""".formatted(name, IMAGE, base + 5432, dbDelay, base + 3000, base + 8080);
    }

    private static ContainerDefinition.Builder busybox(String name, int hostPort,
                                                       List<ContainerDependency> dependsOn, String script) {
        return ContainerDefinition.newBuilder().setName(name).setImage(IMAGE)
                .setPorts(List.of(PortMapping.newBuilder().setContainerPort(80).setHostPort(hostPort).build()))
                .setDependsOn(dependsOn).setCommand(List.of("sh", "-c", script));
    }

    private ServiceProcess startOrchestrator(String name) {
        return ServiceProcess.start(name, "orchestrator-service", List.of(), common, "127.0.0.1", orchestratorPort);
    }

    private String awaitStatus(String stackId, String expected) {
        return await(stackId + " " + expected).atMost(DEADLINE).pollInterval(Duration.ofMillis(250)).until(
                () -> get("/api/v1/stacks/" + stackId), body -> {
                    if (!expected.equals("FAILED") && body.contains("\"status\":\"FAILED\"")) {
                        throw new AssertionError(stackId + " FAILED: " + body + "\nhistory: " + history(stackId));
                    }
                    return body.contains("\"status\":\"" + expected + "\"");
                });
    }

    private String history(String stackId) {
        try {
            return get("/api/v1/stacks/" + stackId + "/history");
        } catch (Exception e) {
            return "(history unavailable: " + e + ")";
        }
    }

    private static Map<String, String> placements(String stackView) {
        Map<String, String> hosts = new java.util.LinkedHashMap<>();
        Matcher m = Pattern.compile("\"container\":\"([^\"]+)\",\"hostId\":\"([^\"]+)\"").matcher(stackView);
        while (m.find()) {
            hosts.put(m.group(1), m.group(2));
        }
        return hosts;
    }

    private TestbedHost testbedHost(String hostId) {
        return testbed.hosts().stream().filter(h -> h.name().equals(hostId)).findFirst().orElseThrow();
    }

    private String ipOf(String hostId) {
        return testbedHost(hostId).ipAddress();
    }

    private String fetch(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(orchestrator.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> delete(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(orchestrator.baseUrl() + path)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(orchestrator.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
