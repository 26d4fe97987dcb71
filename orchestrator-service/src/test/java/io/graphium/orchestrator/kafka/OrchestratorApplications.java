package io.graphium.orchestrator.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphium.events.ContainerPlacement;
import io.graphium.events.ContainerState;
import io.graphium.events.ContainerStatusChanged;
import io.graphium.events.DeployContainer;
import io.graphium.events.HealthStatus;
import io.graphium.events.KeyRing;
import io.graphium.events.PlacementDecided;
import io.graphium.events.PlacementRequested;
import io.graphium.events.StackDeployRequested;
import io.graphium.infra.RequiresInfra;
import io.graphium.infra.SchemaRegistryProcess;
import io.graphium.kafka.TopicProvisioner;
import io.graphium.kafka.Topics;
import io.graphium.kafka.test.TestEventClient;
import io.graphium.orchestrator.OrchestratorApplication;
import io.graphium.orchestrator.core.StackDefinitionParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Tests that start and stop the whole orchestrator application themselves (rather than through
 * {@code @SpringBootTest}), on an in-JVM KRaft broker of their own and the JVM's shared registry: so that a test can
 * stop it, change the world meanwhile, and start a fresh instance, or point it at a registry it can cut off. The test
 * plays the users, placement and a one-host agent ({@link #deployToRunning}).
 */
@RequiresInfra(RequiresInfra.Capability.JAVA_PROCESSES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OrchestratorApplications {

    protected static final Duration DEADLINE = Duration.ofSeconds(60);
    protected static final String HOST = "h1";
    private static final String ONE = """
            {"name": "one", "itemListElement": [
              {"name": "web", "image": "web:1", "ports": [{"containerPort": 80, "hostPort": 8080}]}]}""";

    protected final org.springframework.kafka.test.EmbeddedKafkaKraftBroker broker =
            new org.springframework.kafka.test.EmbeddedKafkaKraftBroker(1, 1);
    /** The registry the test's own clients use (the orchestrator may be given another way to it). */
    protected final String registry = SchemaRegistryProcess.shared().url();
    private final HttpClient http = HttpClient.newHttpClient();

    protected ConfigurableApplicationContext app;
    /** What the orchestrator running now logged (a started context resets the logging configuration). */
    protected LogCapture logged;
    protected TestEventClient events;
    protected KafkaProducer<String, byte[]> raw;

    @BeforeAll
    void startBroker() {
        broker.kafkaPorts(0);
        // One broker: exactly-once needs its transaction log on it (what @EmbeddedKafka sets).
        broker.brokerProperty("transaction.state.log.replication.factor", "1");
        broker.brokerProperty("transaction.state.log.min.isr", "1");
        broker.afterPropertiesSet();
        // Placement requests and host commands only: the test puts no poison there.
        events = TestEventClient.reading(broker.getBrokersAsString(), registry, Pattern.compile(
                "graphium\\.(placement\\.requests|host\\.commands\\.[^.]+)"));
        raw = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    void stopAll() {
        if (app != null) {
            app.close();
        }
        events.close();
        raw.close();
        broker.destroy();
    }

    /** Starts an orchestrator on the broker, talking to the registry at {@code registryUrl}; returns once it runs. */
    protected ConfigurableApplicationContext startOrchestrator(String registryUrl) {
        // Arguments, not builder properties: those are defaults, which application.yml overrides.
        ConfigurableApplicationContext started = new SpringApplicationBuilder(OrchestratorApplication.class)
                .run("--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                        "--graphium.kafka.registry-url=" + registryUrl, "--server.port=0");
        logged = LogCapture.of(StackStatusView.class, StackProcessor.class, PatientDeserializer.class,
                org.apache.kafka.streams.errors.LogAndContinueExceptionHandler.class,
                io.graphium.orchestrator.history.HistoryStore.class);
        started.getBean(TopicProvisioner.class).ensure(Topics.hostReports(HOST)); // as the agent does at start
        return started;
    }

    protected HttpResponse<String> get(String path) throws Exception {
        String port = app.getEnvironment().getProperty("local.server.port");
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    protected void sendRaw(String topic, String key, byte[] value) throws Exception {
        raw.send(new ProducerRecord<>(topic, key, value)).get();
    }

    /** Deploys a one-container stack and plays placement and the agent until the orchestrator says RUNNING. */
    protected void deployToRunning(String stackId) throws Exception {
        StackDeployRequested command = deploy(stackId);
        events.send(Topics.STACK_COMMANDS, stackId, command);
        playUntilRunning(command);
    }

    /** Plays placement and the agent for {@code command}, already sent, until the orchestrator says RUNNING. */
    protected void playUntilRunning(StackDeployRequested command) throws Exception {
        String stackId = command.getStackId();
        PlacementRequested request = (PlacementRequested) events.awaitRecord(r -> r.value()
                instanceof PlacementRequested p && p.getDeploymentId().equals(command.getCommandId()), DEADLINE)
                .value();
        events.send(Topics.PLACEMENT_RESULTS, stackId, PlacementDecided.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setCausationId(request.getCommandId())
                .setOccurredAt(Instant.now()).setStackId(stackId).setDeploymentId(request.getDeploymentId())
                .setStrategy(request.getStrategy()).setPlacements(List.of(ContainerPlacement.newBuilder()
                        .setContainerName("web").setHostId(HOST).setHostIp("10.9.0.1")
                        .setPorts(request.getContainers().get(0).getPorts()).build())).build());
        events.awaitRecord(r -> r.topic().equals(Topics.hostCommands(HOST).name())
                && r.value() instanceof DeployContainer d && d.getCommandId().startsWith(command.getCommandId()),
                DEADLINE);
        events.send(Topics.hostReports(HOST), Topics.statusKey(stackId, "web"), report(stackId,
                command.getCommandId(), "web", HOST, ContainerState.RUNNING));
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(get("/api/v1/stacks/" + stackId).body())
                .contains("\"status\":\"RUNNING\"", command.getCommandId()));
    }

    protected static StackDeployRequested deploy(String stackId) {
        return StackDeployRequested.newBuilder().setCommandId(stackId + "-" + UUID.randomUUID())
                .setRequestedAt(Instant.now()).setStackId(stackId)
                .setDefinition(new AvroMapping(KeyRing.empty()).definition(
                        StackDefinitionParser.parse(ONE).definition())).build();
    }

    protected static ContainerStatusChanged report(String stackId, String deploymentId, String container,
                                                   String claimedHost, ContainerState state) {
        return ContainerStatusChanged.newBuilder().setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now()).setHostId(claimedHost).setStackId(stackId)
                .setDeploymentId(deploymentId).setContainerName(container).setState(state)
                .setHealth(HealthStatus.NONE).setDockerId("docker-" + container).build();
    }
}
