package io.graphium.orchestrator.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphium.events.ContainerPlacement;
import io.graphium.events.DeployContainer;
import io.graphium.events.EnvironmentVariable;
import io.graphium.events.KeyRing;
import io.graphium.events.PlacementDecided;
import io.graphium.events.PlacementRequested;
import io.graphium.events.SealedValue;
import io.graphium.events.SecretSealer;
import io.graphium.events.StackDeployRequested;
import io.graphium.infra.RequiresInfra;
import io.graphium.infra.SchemaRegistryProcess;
import io.graphium.infra.SecretScan;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Key rotation without downtime, with a real restart of the orchestrator on a real broker: the first orchestrator
 * seals with the single {@code sealing-key} A; the second one has A and a new key B (active). What A sealed (on
 * the compacted definitions topic) still opens, and everything sealed after the restart carries B. Also: a raw
 * producer's clear-text secrets (marked by name or by {@code secret: true}) are sealed before the definitions topic,
 * and a scan of every record of every topic finds no clear secret except in that producer's own input record.
 */
@EmbeddedKafka(partitions = 1)
@RequiresInfra(RequiresInfra.Capability.JAVA_PROCESSES)
class KeyRotationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final String KEY_A = SecretSealer.newBase64Key();
    private static final String KEY_B = SecretSealer.newBase64Key();
    private static final String ID_A = SecretSealer.fromBase64(KEY_A).keyId();

    private final HttpClient http = HttpClient.newHttpClient();
    private final EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
    private final String registry = SchemaRegistryProcess.shared().url();
    private final List<ConfigurableApplicationContext> running = new ArrayList<>();

    @AfterEach
    void stop() {
        running.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void oldDefinitionsStillOpenAfterARestartWithANewActiveKeyAndNewOnesSealWithIt() throws Exception {
        TestEventClient events = TestEventClient.reading(broker.getBrokersAsString(), registry,
                Pattern.compile("graphium\\..*"));
        RecordMetadata rawInput;
        try (events) {
            ConfigurableApplicationContext first = orchestrator("graphium.secrets.sealing-key=" + KEY_A);
            int port = port(first);
            assertThat(post(port, "before", stack("before-rotation-pw")).statusCode()).isEqualTo(202);
            rawInput = rawDeploy("raw");
            StackDeployRequested input = (StackDeployRequested) events.awaitRecord(r -> r.topic().equals(
                    Topics.STACK_COMMANDS.name()) && "raw".equals(r.key()), DEADLINE).value();
            assertThat(variable(input, "SETTINGS").getSecret()).as("the marker travels: " + input).isTrue();
            assertThat(sealedKeyId(awaitDefinition(events, "before"), "DB_PASSWORD")).isEqualTo(ID_A);
            StackDeployRequested raw = awaitDefinition(events, "raw");
            assertThat(sealedKeyId(raw, "DB_PASSWORD")).as("secret by its name").isEqualTo(ID_A);
            assertThat(sealedKeyId(raw, "SETTINGS")).as("marked secret: true").isEqualTo(ID_A);
            assertThat(String.valueOf(variable(raw, "TOKEN_URL").getValue())).as("un-marked: secret: false")
                    .isEqualTo("https://token.example");
            first.close();

            // Restart: key A stays in the ring (as the single sealing-key of before), key B joins and seals.
            ConfigurableApplicationContext second = orchestrator("graphium.secrets.sealing-key=" + KEY_A,
                    "graphium.secrets.keys.key-b=" + KEY_B, "graphium.secrets.active-key=key-b");
            int restarted = port(second);
            await().atMost(DEADLINE).until(() -> get(restarted, "/api/v1/stacks/before").statusCode() == 200);

            assertThat(post(restarted, "after", stack("after-rotation-pw")).statusCode()).isEqualTo(202);
            assertThat(sealedKeyId(awaitDefinition(events, "after"), "DB_PASSWORD")).isEqualTo("key-b");

            // The stack deployed before the restart goes on: its container command is sealed with B now.
            PlacementRequested request = (PlacementRequested) events.awaitRecord(r -> r.value()
                    instanceof PlacementRequested p && p.getStackId().equals("before"), DEADLINE).value();
            events.send(Topics.PLACEMENT_RESULTS, "before", PlacementDecided.newBuilder()
                    .setEventId(UUID.randomUUID().toString()).setCausationId(request.getCommandId())
                    .setOccurredAt(Instant.now()).setStackId("before").setDeploymentId(request.getDeploymentId())
                    .setStrategy(request.getStrategy()).setPlacements(List.of(ContainerPlacement.newBuilder()
                            .setContainerName("db").setHostId("h1").setHostIp("10.9.0.1")
                            .setPorts(request.getContainers().get(0).getPorts()).build())).build());
            DeployContainer deploy = (DeployContainer) events.awaitRecord(r -> r.value() instanceof DeployContainer d
                    && d.getSpec().getStackId().equals("before"), DEADLINE).value();
            SealedValue sealed = (SealedValue) deploy.getSpec().getEnvironment().stream()
                    .filter(v -> v.getName().equals("DB_PASSWORD")).findFirst().orElseThrow().getValue();
            assertThat(sealed.getKeyId()).isEqualTo("key-b");
            KeyRing agent = KeyRing.load(new KeyRing.Config(KEY_A, null, Map.of("key-b", KEY_B), null));
            assertThat(agent.open(sealed)).as("an agent given B before the restart opens it")
                    .isEqualTo("before-rotation-pw");
        }

        SecretScan scan = SecretScan.forValues("before-rotation-pw", "after-rotation-pw", "raw-clear-pw",
                "raw-marked-setting").topics(Map.of("bootstrap.servers", broker.getBrokersAsString()),
                place -> place.topic().equals(Topics.STACK_COMMANDS.name()) && place.partition() == rawInput
                        .partition() && place.offset() == rawInput.offset());
        System.out.println(scan.report());
        assertThat(scan.findings()).as(scan.report()).isEmpty();
        assertThat(scan.allowedFindings()).as("the raw producer's own input carries its values in clear")
                .isNotEmpty();
    }

    /** What a producer writing straight to Kafka sends: secrets in clear, marked by name or by secret=true. */
    private RecordMetadata rawDeploy(String stackId) throws Exception {
        io.graphium.events.StackDefinition definition = new AvroMapping(KeyRing.empty()).definition(
                StackDefinitionParser.parse(stack(null)).definition());
        definition.getContainers().get(0).setEnvironment(List.of(
                EnvironmentVariable.newBuilder().setName("DB_PASSWORD").setValue("raw-clear-pw").build(),
                EnvironmentVariable.newBuilder().setName("SETTINGS").setValue("raw-marked-setting").setSecret(true)
                        .build(),
                EnvironmentVariable.newBuilder().setName("TOKEN_URL").setValue("https://token.example")
                        .setSecret(false).build()));
        StackDeployRequested command = StackDeployRequested.newBuilder().setCommandId("raw-1")
                .setRequestedAt(Instant.now()).setStackId(stackId).setDefinition(definition).build();
        try (var producer = io.graphium.kafka.KafkaClientSettings.newProducer(broker.getBrokersAsString(), registry)) {
            return producer.send(new ProducerRecord<>(Topics.STACK_COMMANDS.name(), stackId, command)).get();
        }
    }

    private static String stack(String password) {
        return """
                {"name": "rotation", "itemListElement": [{"name": "db", "image": "db:1",
                  "ports": [{"containerPort": 5432, "hostPort": 5432}]%s}]}"""
                .formatted(password == null ? "" : ", \"environment\": {\"DB_PASSWORD\": \"" + password + "\"}");
    }

    private ConfigurableApplicationContext orchestrator(String... keys) {
        // As command-line arguments: above application.yml, as an operator's settings would be.
        List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--graphium.kafka.registry-url=" + registry));
        List.of(keys).forEach(key -> arguments.add("--" + key));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(OrchestratorApplication.class)
                .run(arguments.toArray(String[]::new));
        running.add(context);
        return context;
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private static StackDeployRequested awaitDefinition(TestEventClient events, String stackId) {
        return (StackDeployRequested) events.awaitRecord(r -> r.topic().equals(Topics.STACK_DEFINITIONS.name())
                && stackId.equals(r.key()) && r.value() != null, DEADLINE).value();
    }

    private static EnvironmentVariable variable(StackDeployRequested command, String name) {
        return command.getDefinition().getContainers().get(0).getEnvironment().stream()
                .filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
    }

    private static String sealedKeyId(StackDeployRequested command, String name) {
        Object value = variable(command, name).getValue();
        assertThat(value).as(name + " is sealed").isInstanceOf(SealedValue.class);
        return ((SealedValue) value).getKeyId();
    }

    private HttpResponse<String> post(int port, String stackId, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/stacks?stackId="
                        + stackId)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
