package io.graphium.cli.stack;

import static io.graphium.cli.FakeOrchestrator.event;
import static io.graphium.cli.FakeOrchestrator.json;
import static io.graphium.cli.FakeOrchestrator.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.cli.CliRun;
import io.graphium.cli.CliRun.Result;
import io.graphium.cli.FakeOrchestrator;
import io.graphium.cli.FakeOrchestrator.Request;
import io.graphium.cli.FakeOrchestrator.Response;
import io.graphium.cli.FakeOrchestrator.Stream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class StackDeployCommandTest {

    private static final String STACKS = "POST /api/v1/stacks";
    private static final String EVENTS = "/api/v1/stacks/shop/events";
    private static final String SHOP = "GET /api/v1/stacks/shop";

    private final FakeOrchestrator orchestrator = new FakeOrchestrator();
    private String definitionFile;
    private String definition;

    @BeforeEach
    void writeDefinition(@TempDir Path dir) throws IOException {
        definition = FakeOrchestrator.resource("stack-definition.json");
        definitionFile = Files.writeString(dir.resolve("shop.json"), definition).toString();
    }

    @AfterEach
    void stop() {
        orchestrator.close();
    }

    @Test
    void withoutWaitPostsTheFileAndSaysHowToFollowTheStack() {
        orchestrator.answer(STACKS, json(202, "stack-pending.json"));

        Result result = deploy(definitionFile, "--stack-id", "shop");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly(
                "Accepted stack shop (deployment d-1).",
                "Follow it: graphium stack status shop --server " + orchestrator.url());
        Request post = orchestrator.requests().get(0);
        assertThat(post.query()).isEqualTo("stackId=shop");
        assertThat(post.contentType()).isEqualTo("application/json");
        assertThat(post.body()).isEqualTo(definition);
        assertThat(orchestrator.count("GET", "/api/v1/stacks/shop")).isZero();
    }

    @Test
    void waitShowsPlacementAndEachStateChangeUntilRunningThenEndpoints() {
        orchestrator.answer(STACKS, json(202, "stack-pending.json")).answer(SHOP, json(200, "stack-pending.json"))
                .events(EVENTS, Stream.drop(stack("1", "stack-pending.json"), history("2"),
                                stack("3", "stack-deploying-created.json"), stack("4", "stack-deploying-created.json")),
                        Stream.hold(stack("5", "stack-deploying-running.json"), stack("6", "stack-running.json")));

        Result result = deploy(definitionFile, "--wait");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.outLines()).containsExactly(
                "Accepted stack shop (deployment d-1).",
                "stack shop: PENDING",
                "web      host2 (10.213.0.12)  CREATED",
                "db       host1 (10.213.0.11)  PENDING",
                "stack shop: DEPLOYING",
                "web      host2 (10.213.0.12)  RUNNING  starting",
                "db       host1 (10.213.0.11)  RUNNING",
                "web      host2 (10.213.0.12)  RUNNING  healthy",
                "stack shop: RUNNING",
                "",
                "Stack shop is RUNNING.",
                "Placements:",
                "  CONTAINER  HOST   IP           PORTS",
                "  web        host2  10.213.0.12  8080->80/tcp",
                "  db         host1  10.213.0.11  5432/tcp",
                "Service endpoints:",
                "  web  10.213.0.12:8080",
                "Query it: graphium stack status shop --server " + orchestrator.url());
        assertThat(orchestrator.requests().stream().filter(r -> r.path().equals(EVENTS)).map(Request::lastEventId))
                .as("the dropped stream is resumed after the last event received").containsExactly(null, "4");
    }

    @Test
    void waitIgnoresSnapshotsOfAnEarlierDeploymentOfTheSameStack() {
        String earlierFailure = resource("stack-failed.json").replace("\"d-1\"", "\"d-0\"");
        orchestrator.answer(STACKS, json(202, "stack-pending.json")).answer(SHOP, json(200, "stack-pending.json"))
                .events(EVENTS, Stream.hold(event("stack", "1", earlierFailure), stack("2", "stack-running.json")));

        Result result = deploy(definitionFile, "--wait");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).doesNotContain("FAILED").contains("Stack shop is RUNNING.");
    }

    @Test
    void waitSeesTheOutcomeThroughHistoryWhenNoSnapshotCarriesIt() {
        orchestrator.answer(STACKS, json(202, "stack-pending.json"))
                .answer(SHOP, json(200, "stack-deploying-created.json"), json(200, "stack-failed.json"))
                .events(EVENTS, Stream.hold(event("history", "1", "{\"eventId\":\"e9\",\"stackId\":\"shop\","
                        + "\"deploymentId\":\"d-1\",\"kind\":\"STATUS_CHANGED\",\"status\":\"FAILED\","
                        + "\"message\":\"db failed\",\"occurredAt\":\"2026-03-01T10:00:05Z\"}")));

        Result result = deploy(definitionFile, "--wait", "--timeout", "20s");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        assertThat(result.outLines()).contains("stack shop: DEPLOYING", "stack shop: FAILED");
        assertThat(orchestrator.count("GET", "/api/v1/stacks/shop")).isEqualTo(2);
    }

    @Test
    void theDeadlineAndTheRollbackChoiceGoWithTheDeploy() {
        orchestrator.answer(STACKS, json(202, "stack-pending.json"));

        Result result = deploy(definitionFile, "--stack-id", "shop", "--deadline", "20m", "--no-rollback");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(orchestrator.requests().get(0).query())
                .isEqualTo("stackId=shop&deadline=1200000ms&rollback=false");
    }

    @Test
    void strategyAndLocationOverrideTheDefinitionBeforeItIsSent() {
        orchestrator.answer(STACKS, json(202, "stack-pending.json"));

        Result result = deploy(definitionFile, "--strategy", "auto", "--location", "dc2");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode sent = JsonMapper.shared().readTree(orchestrator.requests().get(0).body());
        JsonNode original = JsonMapper.shared().readTree(definition);
        assertThat(sent.get("deployment").get("placementStrategy").asString()).isEqualTo("auto");
        assertThat(sent.get("location").asString()).isEqualTo("dc2");
        assertThat(sent.get("itemListElement")).isEqualTo(original.get("itemListElement"));
    }

    @Test
    void overridesOnAFileThatIsNotJsonAreAUsageErrorThatSaysWhere(@TempDir Path dir) throws IOException {
        String broken = Files.writeString(dir.resolve("broken.json"), "{\n  \"name\": \"shop\",\n  oops\n}")
                .toString();

        Result result = deploy(broken, "--strategy", "auto");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: " + broken + " is not valid JSON at line 3, column 3: ");
        assertThat(orchestrator.requests()).isEmpty();
    }

    @Test
    void invalidDefinitionListsEachProblemWithItsPath() {
        orchestrator.answer(STACKS, json(400, "problem-invalid.json"));

        Result result = deploy(definitionFile, "--wait");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.errLines()).containsExactly(
                "error: invalid stack definition: 2 problem(s) in the stack definition",
                "  $.itemListElement[0].image: container 'web' has no image",
                "  $.itemListElement[1].ports[0].hostPort: container 'db': hostPort 70000 is not a port (1-65535)");
    }

    @Test
    void invalidDefinitionAsJsonPrintsTheProblemBody() {
        orchestrator.answer(STACKS, json(400, "problem-invalid.json"));

        Result result = deploy("--output", "json", definitionFile);

        assertThat(result.exitCode()).isEqualTo(2);
        JsonNode problem = JsonMapper.shared().readTree(result.out());
        assertThat(problem.get("problems")).hasSize(2);
        assertThat(problem.get("problems").get(0).get("path").asString()).isEqualTo("$.itemListElement[0].image");
    }

    @Test
    void alreadyDeployedStackIsAUsageErrorThatSaysWhy() {
        orchestrator.answer(STACKS, json(409, "problem-conflict.json"));

        Result result = deploy(definitionFile);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).containsExactly("error: stack already deployed: stack 'shop' is already "
                + "deployed (status RUNNING); remove it first, or deploy under another id with ?stackId=");
    }

    @Test
    void failedStackExitsWithOneAndPrintsTheStacksError() {
        orchestrator.answer(STACKS, json(202, "stack-pending.json")).answer(SHOP, json(200, "stack-pending.json"))
                .events(EVENTS, Stream.hold(stack("1", "stack-deploying-created.json"), stack("2", "stack-failed.json")));

        Result result = deploy(definitionFile, "--wait");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.outLines()).contains(
                "db       host1 (10.213.0.11)  FAILED  pull access denied for graphium/nope",
                "web      host2 (10.213.0.12)  STOPPED",
                "stack shop: FAILED",
                "Query it: graphium stack status shop --server " + orchestrator.url());
        assertThat(result.outLines()).doesNotContain("Stack shop is RUNNING.");
        assertThat(result.errLines()).containsExactly(
                "error: stack shop is FAILED, not RUNNING: container db failed on host1: pull access denied for "
                        + "graphium/nope",
                "  db: pull access denied for graphium/nope");
    }

    @Test
    void waitGivesUpAfterTheTimeoutWithExitCodeThree() {
        orchestrator.answer(STACKS, json(202, "stack-pending.json")).answer(SHOP, json(200, "stack-pending.json"))
                .events(EVENTS, Stream.hold(stack("1", "stack-deploying-created.json")));

        Result result = deploy(definitionFile, "--wait", "--timeout", "150ms");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.errLines()).containsExactly(
                "error: timed out after 150ms waiting for stack shop to run; it is DEPLOYING");
        assertThat(result.outLines()).last().isEqualTo("Query it: graphium stack status shop --server "
                + orchestrator.url());
    }

    @Test
    void waitAsJsonPrintsOnlyTheFinalStackAsTheApiReturnedIt() {
        orchestrator.answer(STACKS, json(202, "stack-pending.json")).answer(SHOP, json(200, "stack-pending.json"))
                .events(EVENTS, Stream.hold(stack("1", "stack-deploying-running.json"), stack("2", "stack-running.json")));

        Result result = deploy(definitionFile, "--wait", "--output", "json");

        assertThat(result.exitCode()).isZero();
        JsonNode stack = JsonMapper.shared().readTree(result.out());
        assertThat(stack.get("status").asString()).isEqualTo("RUNNING");
        assertThat(stack.get("someFutureField").get("nested").asBoolean()).isTrue();
        assertThat(result.out()).startsWith("{\n");
    }

    @Test
    void unreachableServerExitsWithFourAndNamesTheUrl() throws IOException {
        String closed = "http://127.0.0.1:" + freePort();

        Result result = CliRun.run("stack", "deploy", definitionFile, "--server", closed);

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.err()).startsWith("error: cannot reach the orchestrator: POST " + closed
                + "/api/v1/stacks failed (");
    }

    @Test
    void unexpectedStatusExitsWithFourAndSaysWhatCameBack() {
        orchestrator.answer(STACKS, new Response(503, "{\"title\":\"Service Unavailable\",\"status\":503,"
                + "\"detail\":\"Kafka is not reachable\"}"));

        Result result = deploy(definitionFile);

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.errLines()).containsExactly("error: POST " + orchestrator.url()
                + "/api/v1/stacks answered HTTP 503: Kafka is not reachable");
    }

    @Test
    void unreadableFileIsAUsageErrorAndSendsNothing() {
        Result result = deploy("no-such-stack.json");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).containsExactly("error: cannot read no-such-stack.json: no such file");
        assertThat(orchestrator.requests()).isEmpty();
    }

    private static String stack(String id, String resource) {
        return event("stack", id, resource(resource));
    }

    /** A history entry: the deploy follower shows stack snapshots and must skip these. */
    private static String history(String id) {
        return event("history", id, "{\"eventId\":\"e" + id + "\",\"stackId\":\"shop\",\"deploymentId\":\"d-1\","
                + "\"kind\":\"PLACED\",\"containerName\":\"web\",\"hostId\":\"host2\",\"message\":\"placed web\","
                + "\"occurredAt\":\"2026-03-01T10:00:01Z\"}");
    }

    private Result deploy(String... args) {
        String[] line = new String[args.length + 4];
        line[0] = "stack";
        line[1] = "deploy";
        System.arraycopy(args, 0, line, 2, args.length);
        line[line.length - 2] = "--server";
        line[line.length - 1] = orchestrator.url();
        return CliRun.run(line);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
