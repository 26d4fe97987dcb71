package io.graphium.orchestrator.kafka;

import io.graphium.orchestrator.OrchestratorOverKafka;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphium.events.ContainerPlacement;
import io.graphium.events.ContainerState;
import io.graphium.events.ContainerStatusChanged;
import io.graphium.events.DeployContainer;
import io.graphium.events.EnvironmentVariable;
import io.graphium.events.PlacementDecided;
import io.graphium.events.PlacementRequested;
import io.graphium.events.SealedValue;
import io.graphium.events.SecretSealer;
import io.graphium.events.StackDeploymentStatus;
import io.graphium.events.StackStatus;
import io.graphium.kafka.Topic;
import io.graphium.kafka.Topics;
import io.graphium.kafka.test.GraphiumKafkaTest;
import io.graphium.kafka.test.TestEventClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The orchestrator over a real broker and registry, with the placement service and the agents played by the test:
 * REST deploy -> PlacementRequested -> (PlacementDecided) -> DeployContainer per host, secrets sealed ->
 * (ContainerStatusChanged RUNNING) -> RUNNING in REST and on the status topic.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "graphium.secrets.sealing-key=" + DeploymentFlowTest.KEY)
@GraphiumKafkaTest
class DeploymentFlowTest extends OrchestratorOverKafka {

    static final String KEY = "cRNXmfsR8e3VNsWbx5SYnhDvAB/0+7hLrwsp8MIWZzs=";
    private static final Duration DEADLINE = Duration.ofSeconds(60);


    private TestEventClient events;

    @BeforeEach
    void clients() {
        events = TestEventClient.reading(brokers, registry,
                java.util.regex.Pattern.compile("graphium\\.(placement\\.requests|stack\\.status|host\\.commands\\..+)"));
    }

    @AfterEach
    void close() {
        events.close();
    }

    @Test
    void deploysThroughPlacementAndAgentsToRunning() throws Exception {
        HttpResponse<String> accepted = post("/api/v1/stacks?stackId=flow", definition("my-app-stack.json"));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.headers().firstValue("Location")).hasValue("/api/v1/stacks/flow");

        PlacementRequested request = (PlacementRequested) awaitRecord(Topics.PLACEMENT_REQUESTS.name(),
                r -> r instanceof PlacementRequested p && p.getStackId().equals("flow"));
        assertThat(request.getContainers()).extracting(c -> c.getContainerName())
                .containsExactly("web", "api", "postgres", "redis");

        List<ContainerPlacement> placements = new ArrayList<>();
        String[] hosts = {"h1", "h2", "h3", "h1"};
        for (int i = 0; i < request.getContainers().size(); i++) {
            var demand = request.getContainers().get(i);
            placements.add(ContainerPlacement.newBuilder().setContainerName(demand.getContainerName())
                    .setHostId(hosts[i]).setHostIp("10.9.0." + (10 + i % 3)).setPorts(demand.getPorts()).build());
        }
        send(Topics.PLACEMENT_RESULTS, PlacementDecided.newBuilder().setEventId(UUID.randomUUID().toString())
                .setCausationId(request.getCommandId()).setOccurredAt(Instant.now()).setStackId("flow")
                .setDeploymentId(request.getDeploymentId()).setStrategy(request.getStrategy())
                .setPlacements(placements).build());

        DeployContainer web = (DeployContainer) awaitRecord(Topics.hostCommands("h1").name(),
                r -> r instanceof DeployContainer d && d.getSpec().getContainerName().equals("web"));
        assertThat(env(web, "POSTGRES_HOST")).isEqualTo("10.9.0.12");
        assertThat(env(web, "POSTGRES_ENDPOINT")).isEqualTo("10.9.0.12:5432");
        assertThat(web.getSpec().getStackId()).isEqualTo("flow");
        DeployContainer postgres = (DeployContainer) awaitRecord(Topics.hostCommands("h3").name(),
                r -> r instanceof DeployContainer d && d.getSpec().getContainerName().equals("postgres"));
        Object password = postgres.getSpec().getEnvironment().stream()
                .filter(v -> v.getName().equals("POSTGRES_PASSWORD")).findFirst().orElseThrow().getValue();
        assertThat(password).as("secrets travel sealed").isInstanceOf(SealedValue.class);
        assertThat(SecretSealer.fromBase64(KEY).open((SealedValue) password)).isEqualTo("secret");

        // The hosts' reports topics appear only now (as agents create theirs at start): the orchestrator's pattern
        // subscription has to find them. The first status is sent at once; how soon it is applied is measured.
        long discoveryStarted = System.nanoTime();
        for (String host : List.of("h1", "h2", "h3")) {
            reports(host);
        }
        for (int i = 0; i < placements.size(); i++) {
            events.send(Topics.hostReports(hosts[i]), Topics.statusKey("flow", placements.get(i).getContainerName()),
                    status(hosts[i], request.getDeploymentId(), placements.get(i).getContainerName(),
                            ContainerState.RUNNING, "docker-" + i));
        }

        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(get("/api/v1/stacks/flow").body()).contains("\"status\":\"RUNNING\""));
        System.out.printf("discovery: new reports topics of 3 hosts created -> their statuses applied (RUNNING) in "
                + "%d ms%n", (System.nanoTime() - discoveryStarted) / 1_000_000);
        assertThat(get("/api/v1/stacks/flow").body()).contains("\"web\":\"10.9.0.10:8080\"")
                .doesNotContain("secret");

        // h2, on its own (authenticated) topic, says that 'web', placed on h1, exited: refused, kept in the history.
        events.send(Topics.hostReports("h2"), Topics.statusKey("flow", "web"),
                status("h2", request.getDeploymentId(), "web", ContainerState.EXITED, "docker-spoof"));
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(get("/api/v1/stacks/flow/history").body())
                .contains("\"kind\":\"REPORT_REFUSED\"")
                .contains("refused a report from host h2 that container 'web' is EXITED: the container was placed "
                        + "on host h1, and only that host may report about it"));
        assertThat(get("/api/v1/stacks/flow").body()).contains("\"status\":\"RUNNING\"")
                .doesNotContain("docker-spoof");
        StackDeploymentStatus snapshot = (StackDeploymentStatus) awaitRecord(Topics.STACK_STATUS.name(),
                r -> r instanceof StackDeploymentStatus s && s.getStackId().equals("flow")
                        && s.getStatus() == StackStatus.RUNNING);
        assertThat(snapshot.getPlacements()).hasSize(4);

        HttpResponse<String> again = post("/api/v1/stacks?stackId=flow", definition("my-app-stack.json"));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("already deployed (status RUNNING, deployment");
    }

    @Test
    void aDeployCarriesItsOwnDeadlineAndRollbackChoice() throws Exception {
        Instant before = Instant.now();
        HttpResponse<String> accepted = post("/api/v1/stacks?stackId=patient&deadline=20m&rollback=false",
                definition("my-app-stack.json"));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

        StackDeploymentStatus snapshot = (StackDeploymentStatus) awaitRecord(Topics.STACK_STATUS.name(),
                r -> r instanceof StackDeploymentStatus s && s.getStackId().equals("patient")
                        && s.getDeadlineAt() != null);
        assertThat(snapshot.getRollbackOnFailure()).isFalse();
        assertThat(snapshot.getDeadlineAt()).isBetween(before.plus(Duration.ofMinutes(20)),
                Instant.now().plus(Duration.ofMinutes(20)));

        for (String bad : List.of("soon", "0s", "2d")) {
            HttpResponse<String> refused = post("/api/v1/stacks?stackId=patient2&deadline=" + bad,
                    definition("my-app-stack.json"));
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(refused.body()).as(bad).contains("\"deadline\"");
        }
    }

    @Test
    void invalidDefinitionIsRefusedWithEveryProblemAndItsPath() throws Exception {
        HttpResponse<String> response = post("/api/v1/stacks", """
                {"@type": "ItemList", "name": "bad", "deployment": {"placementStrategy": "fastest"},
                 "itemListElement": [{"name": "web", "ports": [{"containerPort": 80, "hostPort": 70000}]}]}""");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("$.deployment.placementStrategy", "$.itemListElement[0].image",
                "$.itemListElement[0].ports[0].hostPort");
    }

    private String env(DeployContainer command, String name) {
        return command.getSpec().getEnvironment().stream().filter(v -> v.getName().equals(name))
                .map(EnvironmentVariable::getValue).map(String::valueOf).findFirst().orElseThrow();
    }

    private SpecificRecord awaitRecord(String topic, java.util.function.Predicate<SpecificRecord> match) {
        return events.awaitRecord(r -> r.topic().equals(topic) && match.test(r.value()), DEADLINE).value();
    }

    private static ContainerStatusChanged status(String host, String deploymentId, String container,
                                                 ContainerState state, String dockerId) {
        return ContainerStatusChanged.newBuilder().setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now()).setHostId(host).setStackId("flow").setDeploymentId(deploymentId)
                .setContainerName(container).setState(state).setDockerId(dockerId).build();
    }

    private void send(Topic topic, SpecificRecord event) throws Exception {
        events.send(topic, "flow", event);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String definition(String name) throws IOException {
        try (InputStream in = DeploymentFlowTest.class.getResourceAsStream("/definitions/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
