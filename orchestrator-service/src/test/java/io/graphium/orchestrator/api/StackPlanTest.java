package io.graphium.orchestrator.api;

import io.graphium.orchestrator.OrchestratorOverKafka;
import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.events.ContainerPlacement;
import io.graphium.events.HostRejection;
import io.graphium.events.HostScore;
import io.graphium.events.PlacementDecided;
import io.graphium.events.PlacementDiagnosis;
import io.graphium.events.PlacementFailed;
import io.graphium.events.PlacementRequested;
import io.graphium.kafka.Topics;
import io.graphium.kafka.test.GraphiumKafkaTest;
import io.graphium.kafka.test.TestEventClient;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/stacks/plan} over a real broker, with the placement service played by the test: the dry-run
 * request goes out marked dryRun, its answer (matched by causation id) comes back as the response, and no stack is
 * created.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "graphium.orchestrator.plan-timeout=8s")
@GraphiumKafkaTest
class StackPlanTest extends OrchestratorOverKafka {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();


    private TestEventClient events;

    @BeforeEach
    void clients() {
        // Join the group before any request goes out, so the plan timeout is not spent on a rebalance.
        events = TestEventClient.reading(brokers, registry, List.of(Topics.PLACEMENT_REQUESTS.name())).joined(DEADLINE);
    }

    @AfterEach
    void close() {
        events.close();
    }

    @Test
    void aFeasiblePlanComesBackWithItsDiagnosisAndNothingIsDeployed() throws Exception {
        CompletableFuture<HttpResponse<String>> response = plan("plan-ok");
        PlacementRequested request = awaitRequest("plan-ok");
        assertThat(request.getDryRun()).isTrue();
        assertThat(request.getContainers()).extracting(c -> c.getContainerName())
                .containsExactly("web", "api", "postgres", "redis");

        List<ContainerPlacement> placements = new ArrayList<>();
        List<PlacementDiagnosis> diagnosis = new ArrayList<>();
        for (var demand : request.getContainers()) {
            placements.add(ContainerPlacement.newBuilder().setContainerName(demand.getContainerName())
                    .setHostId("h1").setHostIp("10.9.0.1").setPorts(demand.getPorts()).build());
            diagnosis.add(PlacementDiagnosis.newBuilder().setContainerName(demand.getContainerName())
                    .setHostsEvaluated(2).setChosenHostId("h1")
                    .setRejections(List.of(HostRejection.newBuilder().setHostId("h2").setReason("host not active")
                            .setDetail("h2 is in maintenance").build()))
                    .setTopScores(List.of(HostScore.newBuilder().setHostId("h1").setTotal(72.5)
                            .setTerms(Map.of("cpu", 30.0, "memory", 22.5, "containers", 0.0, "datacenter", 20.0))
                            .build()))
                    .setSummary(demand.getContainerName() + " on h1 (score 72.5); 1 host rejected").build());
        }
        send(PlacementDecided.newBuilder().setEventId(UUID.randomUUID().toString())
                .setCausationId(request.getCommandId()).setOccurredAt(Instant.now()).setStackId("plan-ok")
                .setDeploymentId(request.getDeploymentId()).setStrategy(request.getStrategy())
                .setPlacements(placements).setDiagnosis(diagnosis).setDryRun(true).build());

        HttpResponse<String> answer = response.get();
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.get("feasible").asBoolean()).isTrue();
        assertThat(body.get("stackId").asString()).isEqualTo("plan-ok");
        assertThat(body.get("placements").findValuesAsString("container"))
                .containsExactly("web", "api", "postgres", "redis");
        assertThat(body.get("placements").get(0).get("hostIp").asString()).isEqualTo("10.9.0.1");
        JsonNode first = body.get("diagnosis").get(0);
        assertThat(first.get("chosenHostId").asString()).isEqualTo("h1");
        assertThat(first.get("rejections").get(0).get("reason").asString()).isEqualTo("host not active");
        assertThat(first.get("topScores").get(0).get("terms").get("datacenter").asDouble()).isEqualTo(20.0);

        assertThat(get("/api/v1/stacks/plan-ok").statusCode()).as("a dry run creates no stack").isEqualTo(404);
    }

    @Test
    void anInfeasiblePlanSaysWhy() throws Exception {
        CompletableFuture<HttpResponse<String>> response = plan("plan-no");
        PlacementRequested request = awaitRequest("plan-no");
        String message = "no host for container 'postgres': 0/1 hosts available: h1 port 5432 in use";
        send(PlacementFailed.newBuilder().setEventId(UUID.randomUUID().toString())
                .setCausationId(request.getCommandId()).setOccurredAt(Instant.now()).setStackId("plan-no")
                .setDeploymentId(request.getDeploymentId()).setStrategy(request.getStrategy()).setMessage(message)
                .setDiagnosis(List.of(PlacementDiagnosis.newBuilder().setContainerName("postgres")
                        .setHostsEvaluated(1).setSummary("0/1 hosts available")
                        .setRejections(List.of(HostRejection.newBuilder().setHostId("h1").setReason("port in use")
                                .setDetail("port 5432/tcp in use").build())).build()))
                .setDryRun(true).build());

        HttpResponse<String> answer = response.get();
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.get("feasible").asBoolean()).isFalse();
        assertThat(body.get("message").asString()).isEqualTo(message);
        assertThat(body.get("placements").isEmpty()).isTrue();
        assertThat(body.get("diagnosis").get(0).get("rejections").get(0).get("detail").asString())
                .isEqualTo("port 5432/tcp in use");
    }

    @Test
    void noAnswerFromPlacementIsAGatewayTimeout() throws Exception {
        HttpResponse<String> answer = plan("plan-silent").get();
        assertThat(answer.statusCode()).isEqualTo(504);
        assertThat(answer.body()).contains("did not answer the dry run within 8.0 s");
    }

    @Test
    void anInvalidDefinitionIsRefusedLikeADeploy() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/stacks/plan"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                        {"@type": "ItemList", "name": "bad", "itemListElement": [{"name": "web"}]}""")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("$.itemListElement[0].image");
    }

    private CompletableFuture<HttpResponse<String>> plan(String stackId) throws Exception {
        String definition;
        try (InputStream in = StackPlanTest.class.getResourceAsStream("/definitions/my-app-stack.json")) {
            definition = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return http.sendAsync(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/stacks/plan?stackId=" + stackId))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(definition))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private PlacementRequested awaitRequest(String stackId) {
        return (PlacementRequested) events.awaitRecord(r -> r.value() instanceof PlacementRequested p
                && p.getStackId().equals(stackId), DEADLINE).value();
    }

    private void send(SpecificRecord result) throws Exception {
        String key = result instanceof PlacementDecided d ? d.getStackId() : ((PlacementFailed) result).getStackId();
        events.send(Topics.PLACEMENT_RESULTS, key, result);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
