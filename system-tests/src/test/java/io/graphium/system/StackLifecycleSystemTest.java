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
import io.graphium.events.StackDefinition;
import io.graphium.events.StackDeployRequested;
import io.graphium.infra.RequiresInfra;
import io.graphium.infra.TestbedHost;
import io.graphium.kafka.KafkaClientSettings;
import io.graphium.kafka.Topics;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

    private static final Duration DEADLINE = Duration.ofMinutes(3);
    private static final String IMAGE = "graphium/busybox:1";

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
    void anApiWaitsForADatabaseThatBecomesHealthyLateOnAnotherHost() throws Exception {
        assertThat(post("/api/v1/stacks", waves("waves", 1, 8)).statusCode()).isEqualTo(202);
        String running = awaitStatus("waves", "RUNNING");

        Map<String, String> hostOf = OrchestratorApi.placements(running);
        assertThat(hostOf.values()).as("spread over the three hosts").doesNotHaveDuplicates();
        // web fetched api's copy of the database's page at start: each started only once its dependency was ready.
        assertThat(OrchestratorApi.fetch("http://" + system.ipOf(hostOf.get("web")) + ":18080/api.txt")).contains("db ready");
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
                     KafkaClientSettings.newProducer(system.kafka.bootstrapServers(), system.registry.url())) {
            producer.send(new ProducerRecord<>(Topics.STACK_COMMANDS.name(), "sick", command)).get();
        }
        String failed = awaitStatus("sick", "FAILED");
        assertThat(failed).contains("'db'");
        await("rollback removed every container of the stack").atMost(DEADLINE).untilAsserted(() -> {
            for (TestbedHost host : system.testbed.hosts()) {
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
        String host = OrchestratorApi.placements(running).get("app");

        assertThat(post("/api/v1/stacks/ops/stop", "").statusCode()).isEqualTo(202);
        awaitStatus("ops", "STOPPED");
        assertThat(system.host(host).docker("ps", "-q", "--filter", "label=io.graphium.stack=ops").stdout())
                .as("nothing of ops runs").isBlank();
        assertThat(post("/api/v1/stacks/ops/stop", "").statusCode()).isEqualTo(409);

        assertThat(post("/api/v1/stacks/ops/start", "").statusCode()).isEqualTo(202);
        awaitStatus("ops", "RUNNING");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(OrchestratorApi.fetch("http://" + system.ipOf(host) + ":33000/starts.txt").lines().count())
                        .as("the same container and volume, started twice").isEqualTo(2));

        assertThat(system.api().delete("/api/v1/stacks/ops?removeVolumes=true").statusCode()).isEqualTo(202);
        await("ops removed").atMost(DEADLINE).until(() -> system.api().get("/api/v1/stacks/ops").statusCode() == 404);
        assertThat(system.host(host).docker("ps", "-aq", "--filter", "label=io.graphium.stack=ops").stdout())
                .isBlank();
        assertThat(system.host(host).docker("volume", "ls", "-q").stdout()).doesNotContain("ops-data");
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
        system.killAndRestartOrchestrator();

        String running = awaitStatus("crash", "RUNNING");
        assertThat(OrchestratorApi.placements(running)).hasSize(3);
        List<String> names = new ArrayList<>();
        for (TestbedHost host : system.testbed.hosts()) {
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

    private String awaitStatus(String stackId, String expected) {
        return system.api().awaitStatus(stackId, expected, DEADLINE);
    }

    private String history(String stackId) {
        return system.api().history(stackId);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return system.api().post(path, body);
    }

    private String get(String path) throws Exception {
        return system.api().get(path).body();
    }
}
