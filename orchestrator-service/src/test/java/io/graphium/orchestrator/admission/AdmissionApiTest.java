package io.graphium.orchestrator.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.graphium.events.StackDeployRequested;
import io.graphium.kafka.Topics;
import io.graphium.kafka.test.GraphiumKafkaTest;
import io.graphium.kafka.test.TestEventClient;
import io.graphium.orchestrator.OrchestratorOverKafka;
import io.graphium.orchestrator.core.StackDefinitionParser;
import io.graphium.orchestrator.kafka.AvroMapping;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admission policy at the orchestrator, on a real broker: the REST API (deploy and plan) refuses what the policy
 * refuses with 400 naming the container and the field; a StackDeployRequested produced straight to Kafka is refused
 * the same way, with the reason in the stack's status and history, and nothing is placed or commanded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "graphium.admission.host-paths[0].prefix=/srv/graphium",
        "graphium.admission.host-paths[1].prefix=/etc/graphium",
        "graphium.admission.host-paths[1].read-only=true",
        "graphium.admission.max-containers=5",
        "graphium.api.max-request-size=4MB"})
@GraphiumKafkaTest
class AdmissionApiTest extends OrchestratorOverKafka {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theDockerSocketIsRefusedByDeployAndByPlanNamingTheField() throws Exception {
        for (String path : List.of("/api/v1/stacks", "/api/v1/stacks/plan")) {
            HttpResponse<String> answer = post(path, definition("sock", container("web", "nginx:1.27",
                    bind("/var/run/docker.sock", false))));
            assertThat(answer.statusCode()).as(path).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode problem = onlyProblem(answer);
            assertThat(problem.get("path").asString()).isEqualTo("$.itemListElement[0].volumeMounts[0].source");
            assertThat(problem.get("message").asString()).startsWith("container 'web': bind mount of host path "
                    + "'/var/run/docker.sock' is refused: it exposes the Docker socket");
        }
    }

    @Test
    void rootAndUnlistedBindMountsAreRefusedAndAnAllowedPrefixIsAccepted() throws Exception {
        JsonNode root = onlyProblem(post("/api/v1/stacks", definition("root", container("web", "nginx:1.27",
                bind("/", true)))));
        assertThat(root.get("message").asString()).contains("it is the host's whole file system");
        JsonNode walkOut = onlyProblem(post("/api/v1/stacks/plan", definition("walk", container("web", "nginx:1.27",
                bind("/srv/graphium/../../etc", true)))));
        assertThat(walkOut.get("message").asString()).contains("'/srv/graphium/../../etc' is refused: it is not "
                + "under an allowed prefix (/srv/graphium, /etc/graphium)");
        JsonNode writable = onlyProblem(post("/api/v1/stacks", definition("conf", container("web", "nginx:1.27",
                bind("/etc/graphium/app", false)))));
        assertThat(writable.get("path").asString()).isEqualTo("$.itemListElement[0].volumeMounts[0].readOnly");

        HttpResponse<String> allowed = post("/api/v1/stacks", definition("allowed", container("web", "nginx:1.27",
                bind("/srv/graphium/data", false)) + "," + container("conf", "nginx:1.27",
                bind("/etc/graphium/app", true))));
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(202);
    }

    @Test
    void aBadImageReferenceIsRefusedNamingTheField() throws Exception {
        HttpResponse<String> answer = post("/api/v1/stacks", definition("img", container("web",
                "busybox; rm -rf /")));
        assertThat(answer.statusCode()).isEqualTo(400);
        JsonNode problem = onlyProblem(answer);
        assertThat(problem.get("path").asString()).isEqualTo("$.itemListElement[0].image");
        assertThat(problem.get("message").asString()).isEqualTo("container 'web': 'busybox; rm -rf /' is not a "
                + "valid image reference: ';' is not allowed in an image reference (letters, digits and '.', '-', "
                + "'_', ':', '/', '@' only), e.g. nginx:1.27 or registry.example.com:5000/team/web:1.2@sha256:<64 "
                + "hex>");
    }

    @Test
    void tooManyContainersAreRefused() throws Exception {
        String six = IntStream.range(0, 6).mapToObj(i -> container("c" + i, "nginx:1.27"))
                .collect(Collectors.joining(","));
        HttpResponse<String> answer = post("/api/v1/stacks", definition("many", six));
        assertThat(answer.statusCode()).isEqualTo(400);
        JsonNode problem = onlyProblem(answer);
        assertThat(problem.get("path").asString()).isEqualTo("$.itemListElement");
        assertThat(problem.get("message").asString()).isEqualTo("the stack has 6 containers; the policy allows at "
                + "most 5 (graphium.admission.max-containers)");
    }

    @Test
    void aTwelveMegabyteBodyIs413() throws Exception {
        String huge = definition("huge", container("web", "nginx:1.27")).replace("\"name\": \"huge\"",
                "\"name\": \"huge\", \"description\": \"" + "x".repeat(12 * 1024 * 1024) + "\"");
        HttpResponse<String> answer = post("/api/v1/stacks", huge);
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.get("detail").asString()).isEqualTo("the request body is " + huge.length()
                + " bytes; the limit is 4194304 bytes (4096 KB, graphium.api.max-request-size)");
    }

    @Test
    void aChunkedBodyOverTheLimitIs413Too() throws Exception {
        byte[] huge = definition("chunked", container("web", "nginx:1.27")).replace("\"name\": \"chunked\"",
                "\"name\": \"chunked\", \"description\": \"" + "x".repeat(5 * 1024 * 1024) + "\"").getBytes();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/stacks")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(answer.body()).get("detail").asString()).isEqualTo("the request body is more than "
                + "4194304 bytes; the limit is 4194304 bytes (4096 KB, graphium.api.max-request-size)");
    }

    @Test
    void anEventTooLargeForKafkaIs413NotAServerError() throws Exception {
        // Under the 4 MB request limit, over the producer's 1 MB max.request.size.
        String large = definition("large", container("web", "nginx:1.27")).replace("\"name\": \"large\"",
                "\"name\": \"large\", \"description\": \"" + "x".repeat(2 * 1024 * 1024) + "\"");
        HttpResponse<String> answer = post("/api/v1/stacks", large);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(answer.body()).get("detail").asString()).startsWith("the event is too large for "
                + "Kafka: ");
    }

    @Test
    void theEffectivePolicyIsShown() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/policy")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode policy = JSON.readTree(answer.body());
        assertThat(policy.get("hostPaths").toString()).isEqualTo("[{\"prefix\":\"/srv/graphium\",\"readOnly\":false},"
                + "{\"prefix\":\"/etc/graphium\",\"readOnly\":true}]");
        assertThat(policy.get("maxContainers").asInt()).isEqualTo(5);
        assertThat(policy.get("maxEnvBytes").asInt()).isEqualTo(65536);
        assertThat(policy.get("registries").size()).isZero();
    }

    @Test
    void aDeployCommandFromKafkaWithTheSocketIsRefusedWithItsReasonAndNothingIsCommanded() throws Exception {
        String stackId = "raw-sock-" + UUID.randomUUID().toString().substring(0, 8);
        var parsed = StackDefinitionParser.parse(definition(stackId, container("web", "nginx:1.27",
                bind("/var/run/docker.sock", false))));
        StackDeployRequested command = StackDeployRequested.newBuilder().setCommandId(UUID.randomUUID().toString())
                .setRequestedAt(Instant.now()).setRequestedBy("someone-with-kafka-access").setStackId(stackId)
                .setDefinition(new AvroMapping(null).definition(parsed.definition())).build();
        Pattern downstream = Pattern.compile(Pattern.quote(Topics.PLACEMENT_REQUESTS.name()) + "|"
                + Topics.HOST_COMMANDS_PATTERN.pattern());
        try (TestEventClient watch = TestEventClient.reading(brokers, registry, downstream).joined(DEADLINE);
             TestEventClient producer = TestEventClient.reading(brokers, registry, List.of(Topics.STACK_HISTORY.name()))) {
            producer.send(Topics.STACK_COMMANDS, stackId, command);

            await().atMost(DEADLINE).untilAsserted(() -> {
                JsonNode stack = JSON.readTree(get("/api/v1/stacks/" + stackId).body());
                assertThat(stack.path("status").asString()).isEqualTo("FAILED");
                assertThat(stack.path("error").asString()).contains("$.itemListElement[0].volumeMounts[0].source: "
                        + "container 'web': bind mount of host path '/var/run/docker.sock' is refused");
            });
            await().atMost(DEADLINE).untilAsserted(() -> assertThat(get("/api/v1/stacks/" + stackId + "/history")
                    .body()).contains("DEPLOY_REJECTED").contains("exposes the Docker socket"));
            // Anything sent onward (placement, host commands) would have been sent before the refusal was recorded.
            assertThatThrownBy(() -> watch.awaitRecord(r -> stackId.equals(r.key()), Duration.ofSeconds(3)))
                    .isInstanceOf(ConditionTimeoutException.class);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path + "?stackId="
                        + "adm-" + UUID.randomUUID().toString().substring(0, 8)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode onlyProblem(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        JsonNode problems = JSON.readTree(answer.body()).get("problems");
        assertThat(problems.size()).as(answer.body()).isEqualTo(1);
        return problems.get(0);
    }

    private static String definition(String name, String containers) {
        return """
                {"@context": "https://schema.org", "@type": "ItemList", "name": "%s",
                 "itemListElement": [%s]}""".formatted(name, containers);
    }

    private static String container(String name, String image, String... mounts) {
        return """
                {"@type": "SoftwareApplication", "name": "%s", "image": "%s", "volumeMounts": [%s]}"""
                .formatted(name, image, String.join(",", mounts));
    }

    private static String bind(String source, boolean readOnly) {
        return """
                {"type": "bind", "source": "%s", "target": "/data", "readOnly": %s}""".formatted(source, readOnly);
    }
}
