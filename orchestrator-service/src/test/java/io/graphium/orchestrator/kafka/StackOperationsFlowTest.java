package io.graphium.orchestrator.kafka;

import io.graphium.orchestrator.api.EventStreamClients.Event;
import io.graphium.orchestrator.api.EventStreamClients.EventReader;
import io.graphium.orchestrator.OrchestratorOverKafka;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphium.events.ContainerPlacement;
import io.graphium.events.ContainerState;
import io.graphium.events.ContainerStatusChanged;
import io.graphium.events.DeployContainer;
import io.graphium.events.DesiredContainer;
import io.graphium.events.DesiredState;
import io.graphium.events.HealthStatus;
import io.graphium.events.PlacementDecided;
import io.graphium.events.PlacementRequested;
import io.graphium.events.RemoveContainer;
import io.graphium.events.StackDeployRequested;
import io.graphium.events.StackStartRequested;
import io.graphium.events.StackStopRequested;
import io.graphium.events.StartContainer;
import io.graphium.events.StopContainer;
import io.graphium.kafka.Topics;
import io.graphium.kafka.test.GraphiumKafkaTest;
import io.graphium.kafka.test.TestEventClient;
import io.graphium.orchestrator.core.StackDefinitionParser;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Stop, start and remove over a real broker and registry, with placement and the agents played by the test:
 * dependency waves across three hosts, desired state before every host command, the history and its resumable
 * event stream, replayed commands as no-ops, and a never-healthy database failing by its deadline and rolled back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@GraphiumKafkaTest
class StackOperationsFlowTest extends OrchestratorOverKafka {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    /** db (health check) and cache on h1/h3; api waits for db healthy and cache; web waits for api. */
    static final String WAVES = """
            {"name": "shop", "itemListElement": [
              {"name": "db", "image": "db:1", "ports": [{"containerPort": 5432, "hostPort": 5432}],
               "volumeMounts": [{"type": "volume", "source": "db-data", "target": "/data"}],
               "healthCheck": {"type": "command", "command": ["true"]}},
              {"name": "cache", "image": "cache:1", "ports": [{"containerPort": 6379, "hostPort": 6379}]},
              {"name": "api", "image": "api:1", "ports": [{"containerPort": 3000, "hostPort": 3000}],
               "environment": {"DB_ENDPOINT": ""}, "dependsOn": [{"name": "db", "waitForHealthy": true}, "cache"]},
              {"name": "web", "image": "web:1", "ports": [{"containerPort": 80, "hostPort": 8080}],
               "dependsOn": ["api"]}
            ]}""";
    private static final Map<String, String> HOSTS = Map.of("db", "h1", "cache", "h3", "api", "h2", "web", "h3");

    @Autowired
    AvroMapping mapping;
    @Autowired
    StackStatusView statusView;

    private TestEventClient events;

    @BeforeEach
    void clients() {
        events = TestEventClient.reading(brokers, registry, Pattern.compile(
                "graphium\\.(placement\\.requests|stack\\.status|host\\.desired\\..+|host\\.commands\\..+)"));
    }

    @AfterEach
    void close() {
        events.close();
    }

    @Test
    void deploysInWavesThenStopsStartsAndRemovesWithAResumableHistory() throws Exception {
        assertThat(post("/api/v1/stacks?stackId=ops", WAVES).statusCode()).isEqualTo(202);
        String deploymentId = place("ops");

        DeployContainer db = awaitCommand("h1", DeployContainer.class, "ops", "db");
        awaitCommand("h3", DeployContainer.class, "ops", "cache");
        DesiredContainer desiredDb = awaitDesired("h1", "ops", "db");
        assertThat(desiredDb.getState()).isEqualTo(DesiredState.RUNNING);
        assertThat(desiredDb.getCommandId()).isEqualTo(db.getCommandId()).isEqualTo(deploymentId + ":db:deploy");

        report("ops", deploymentId, "db", ContainerState.RUNNING, HealthStatus.STARTING);
        report("ops", deploymentId, "cache", ContainerState.RUNNING, HealthStatus.NONE);
        report("ops", deploymentId, "db", ContainerState.RUNNING, HealthStatus.HEALTHY);
        DeployContainer api = awaitCommand("h2", DeployContainer.class, "ops", "api");
        assertThat(api.getSpec().getEnvironment()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo("DB_ENDPOINT");
            assertThat(String.valueOf(v.getValue())).isEqualTo("10.9.0.1:5432");
        });
        report("ops", deploymentId, "api", ContainerState.RUNNING, HealthStatus.NONE);
        awaitCommand("h3", DeployContainer.class, "ops", "web");
        report("ops", deploymentId, "web", ContainerState.RUNNING, HealthStatus.NONE);
        awaitStatus("ops", "RUNNING");

        // The stream replays the history so far; a client that drops out resumes where it was.
        SseClient first = SseClient.open(port, "/api/v1/stacks/ops/events", null);
        List<Event> beforeStop = first.read(5);
        first.close();
        String resumeFrom = beforeStop.get(beforeStop.size() - 1).id();

        assertThat(post("/api/v1/stacks/ops/start", "").statusCode()).as("already running").isEqualTo(409);
        String stopId = UUID.randomUUID().toString();
        events.send(Topics.STACK_COMMANDS, "ops", StackStopRequested.newBuilder().setCommandId(stopId)
                .setRequestedAt(Instant.now()).setStackId("ops").build());
        StopContainer stopDb = awaitCommand("h1", StopContainer.class, "ops", "db");
        assertThat(stopDb.getCommandId()).isEqualTo(deploymentId + ":db:stop:" + stopId);
        DesiredContainer stoppedDb = (DesiredContainer) events.awaitRecord(r -> r.value() instanceof DesiredContainer d
                && r.topic().equals(Topics.hostDesired("h1").name()) && r.key().equals(Topics.desiredKey("ops", "db"))
                && d.getState() == DesiredState.STOPPED, DEADLINE).value();
        assertThat(stoppedDb.getCommandId()).isEqualTo(stopDb.getCommandId());
        for (String name : List.of("db", "cache", "api", "web")) {
            report("ops", deploymentId, name, ContainerState.STOPPED, HealthStatus.NONE);
        }
        awaitStatus("ops", "STOPPED");

        assertThat(post("/api/v1/stacks/ops/start", "").statusCode()).isEqualTo(202);
        StartContainer startDb = awaitCommand("h1", StartContainer.class, "ops", "db");
        report("ops", deploymentId, "db", ContainerState.RUNNING, HealthStatus.HEALTHY);
        report("ops", deploymentId, "cache", ContainerState.RUNNING, HealthStatus.NONE);
        awaitCommand("h2", StartContainer.class, "ops", "api");
        report("ops", deploymentId, "api", ContainerState.RUNNING, HealthStatus.NONE);
        awaitCommand("h3", StartContainer.class, "ops", "web");
        report("ops", deploymentId, "web", ContainerState.RUNNING, HealthStatus.NONE);
        awaitStatus("ops", "RUNNING");
        assertThat(startDb.getCommandId()).startsWith(deploymentId + ":db:start:");

        // A replayed stop (same command id) changes nothing; a start that is refused shows in the history.
        events.send(Topics.STACK_COMMANDS, "ops", StackStopRequested.newBuilder().setCommandId(stopId)
                .setRequestedAt(Instant.now()).setStackId("ops").build());
        events.send(Topics.STACK_COMMANDS, "ops", StackStartRequested.newBuilder().setCommandId("marker")
                .setRequestedAt(Instant.now()).setStackId("ops").build());
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(get("/api/v1/stacks/ops/history").body())
                .contains("cannot start stack 'ops' while it is RUNNING"));
        assertThat(get("/api/v1/stacks/ops").body()).contains("\"status\":\"RUNNING\"");
        // The read model holds exactly what the status topic says (the state a restart restores from the changelog).
        assertThat(statusView.get("ops").orElseThrow().recentCommandIds()).contains(stopId);
        assertThat(get("/api/v1/stacks?status=running").body()).contains("\"stackId\":\"ops\"");
        assertThat(get("/api/v1/stacks?status=stopped").body()).isEqualTo("[]");

        SseClient resumed = SseClient.open(port, "/api/v1/stacks/ops/events", resumeFrom);
        // Up to the refusal of the replayed-marker start (the first, REST-sent start was refused and recorded too).
        List<Event> afterResume = resumed.readUntil(e -> e.data().contains("\"eventId\":\"marker:"));
        resumed.close();
        List<String> streamed = new ArrayList<>();
        beforeStop.forEach(e -> streamed.add(eventId(e.data())));
        afterResume.stream().filter(e -> e.name().equals("history")).forEach(e -> streamed.add(eventId(e.data())));
        List<String> recorded = new ArrayList<>();
        Matcher ids = Pattern.compile("\"eventId\":\"([^\"]+)\"").matcher(get("/api/v1/stacks/ops/history").body());
        while (ids.find()) {
            recorded.add(ids.group(1));
        }
        assertThat(streamed).as("no gap, no duplicate").isEqualTo(recorded);
        assertThat(recorded.stream().filter(id -> id.startsWith(stopId))).as("the replayed stop wrote nothing new")
                .allMatch(id -> id.startsWith(stopId + ":"));

        HttpResponse<String> remove = delete("/api/v1/stacks/ops?removeVolumes=true");
        assertThat(remove.statusCode()).isEqualTo(202);
        RemoveContainer removeDb = awaitCommand("h1", RemoveContainer.class, "ops", "db");
        assertThat(removeDb.getRemoveVolumes()).isTrue();
        events.awaitRecord(r -> r.topic().equals(Topics.hostDesired("h1").name())
                && r.key().equals(Topics.desiredKey("ops", "db")) && r.value() == null, DEADLINE);
        for (String name : List.of("db", "cache", "api", "web")) {
            report("ops", deploymentId, name, ContainerState.REMOVED, HealthStatus.NONE);
        }
        events.awaitRecord(r -> r.topic().equals(Topics.STACK_STATUS.name()) && r.key().equals("ops")
                && r.value() == null, DEADLINE);
        await().atMost(DEADLINE).until(() -> get("/api/v1/stacks/ops").statusCode() == 404);
        assertThat(get("/api/v1/stacks/ops/history").body()).contains("\"status\":\"REMOVED\"");
        assertThat(post("/api/v1/stacks/ops/stop", "").statusCode()).isEqualTo(404);
    }

    @Test
    void aDatabaseThatNeverBecomesHealthyFailsByTheDeadlineAndIsRolledBack() throws Exception {
        io.graphium.events.StackDefinition definition = mapping.definition(
                StackDefinitionParser.parse(WAVES).definition());
        events.send(Topics.STACK_COMMANDS, "slow", StackDeployRequested.newBuilder().setCommandId("slow-1")
                .setRequestedAt(Instant.now()).setStackId("slow").setDefinition(definition)
                .setDeadlineMillis(5_000).build());
        String deploymentId = place("slow");
        assertThat(deploymentId).isEqualTo("slow-1");
        awaitCommand("h1", DeployContainer.class, "slow", "db");
        report("slow", deploymentId, "db", ContainerState.RUNNING, HealthStatus.STARTING);
        report("slow", deploymentId, "cache", ContainerState.RUNNING, HealthStatus.NONE);

        awaitStatus("slow", "FAILED");
        assertThat(get("/api/v1/stacks/slow").body()).contains("did not reach RUNNING by its deadline",
                "'db' on host h1 was RUNNING (health STARTING)");
        assertThat(awaitCommand("h1", RemoveContainer.class, "slow", "db").getCommandId())
                .isEqualTo("slow-1:db:remove");
        awaitCommand("h3", RemoveContainer.class, "slow", "cache");
        events.awaitRecord(r -> r.topic().equals(Topics.hostDesired("h3").name())
                && r.key().equals(Topics.desiredKey("slow", "cache")) && r.value() == null, DEADLINE);
        assertThat(get("/api/v1/stacks/slow/history").body()).contains("DEADLINE_EXPIRED", "ROLLBACK_STARTED");
        assertThat(get("/api/v1/stacks/slow").body()).doesNotContain("\"name\":\"api\",\"hostId\":\"h2\","
                + "\"state\":\"REMOVED\"");
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES) // the stream reads block: a missing event fails, never hangs
    void theGlobalStreamStartsWithEveryStackThenGoesLiveAndResumesAfterItsLastEventId() throws Exception {
        assertThat(post("/api/v1/stacks?stackId=live", WAVES).statusCode()).isEqualTo(202);
        awaitStatus("live", "PLACING");

        SseClient stream = SseClient.open(port, "/api/v1/events", null);
        Event snapshot = stream.readUntil(e -> e.name().equals("stack") && e.data().contains(
                "\"stackId\":\"live\"")).get(0);
        assertThat(snapshot.name()).as("snapshots come first").isEqualTo("stack");
        String deploymentId = place("live");
        // History and snapshots come from different topics: their relative order is not fixed, each one's is.
        List<Event> live = new ArrayList<>(stream.readUntil(e -> e.name().equals("history")
                && e.data().contains("\"kind\":\"STATUS_CHANGED\"") && e.data().contains("\"status\":\"DEPLOYING\"")));
        String lastId = live.get(live.size() - 1).id();
        if (live.stream().noneMatch(e -> e.name().equals("stack") && e.data().contains("\"status\":\"DEPLOYING\""))) {
            live.addAll(stream.readUntil(e -> e.name().equals("stack")
                    && e.data().contains("\"status\":\"DEPLOYING\"")));
        }
        assertThat(live).filteredOn(e -> e.name().equals("history")).extracting(Event::id)
                .doesNotContainNull().doesNotHaveDuplicates();
        stream.close();

        report("live", deploymentId, "db", ContainerState.RUNNING, HealthStatus.STARTING);
        SseClient resumed = SseClient.open(port, "/api/v1/events", lastId);
        Event next = resumed.readUntil(e -> e.name().equals("history")).get(0);
        resumed.close();
        assertThat(next.data()).as("the first entry after the last one seen").contains("\"kind\":\"CONTAINER_CHANGED\"",
                "\"containerName\":\"db\"", "\"health\":\"STARTING\"");
    }

    @Test
    void anInvalidDefinitionStraightFromKafkaFailsWithTheMessagesRestWouldGive() throws Exception {
        String cyclic = WAVES.replace("\"dependsOn\": [\"api\"]", "\"dependsOn\": [\"api\"]")
                .replace("{\"name\": \"db\", \"image\": \"db:1\",", "{\"name\": \"db\", \"image\": \"db:1\", "
                        + "\"dependsOn\": [\"web\"],");
        HttpResponse<String> refused = post("/api/v1/stacks?stackId=bad", cyclic);
        assertThat(refused.statusCode()).isEqualTo(400);
        String message = "dependency cycle: db -> web -> api -> db";
        assertThat(refused.body()).contains(message);

        events.send(Topics.STACK_COMMANDS, "bad", StackDeployRequested.newBuilder().setCommandId("bad-1")
                .setRequestedAt(Instant.now()).setStackId("bad")
                .setDefinition(mapping.definition(StackDefinitionParser.parse(cyclic).definition())).build());
        awaitStatus("bad", "FAILED");
        assertThat(get("/api/v1/stacks/bad").body()).contains("invalid stack definition: $.itemListElement[",
                message);
    }

    // ---- playing placement and the agents ---------------------------------------------------------------------

    private String place(String stackId) throws Exception {
        PlacementRequested request = (PlacementRequested) events.awaitRecord(r -> r.topic()
                .equals(Topics.PLACEMENT_REQUESTS.name()) && r.value() instanceof PlacementRequested p
                && p.getStackId().equals(stackId), DEADLINE).value();
        List<ContainerPlacement> placements = new ArrayList<>();
        for (var demand : request.getContainers()) {
            String host = HOSTS.get(demand.getContainerName());
            placements.add(ContainerPlacement.newBuilder().setContainerName(demand.getContainerName())
                    .setHostId(host).setHostIp("10.9.0." + host.substring(1)).setPorts(demand.getPorts()).build());
        }
        events.send(Topics.PLACEMENT_RESULTS, stackId, PlacementDecided.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setCausationId(request.getCommandId())
                .setOccurredAt(Instant.now()).setStackId(stackId).setDeploymentId(request.getDeploymentId())
                .setStrategy(request.getStrategy()).setPlacements(placements).build());
        return request.getDeploymentId();
    }

    private void report(String stackId, String deploymentId, String container, ContainerState state,
                        HealthStatus health) throws Exception {
        reports(HOSTS.get(container));
        events.send(Topics.hostReports(HOSTS.get(container)), Topics.statusKey(stackId, container),
                ContainerStatusChanged.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                .setHostId(HOSTS.get(container)).setStackId(stackId).setDeploymentId(deploymentId)
                .setContainerName(container).setState(state).setHealth(health)
                .setDockerId(state == ContainerState.REMOVED ? null : "docker-" + container).build());
    }

    private <T extends SpecificRecord> T awaitCommand(String host, Class<T> type, String stackId, String container) {
        Predicate<SpecificRecord> about = v -> v != null && String.valueOf(v.get(v.getSchema().getField(
                "commandId").pos())).startsWith(stackId.equals("slow") ? "slow-1:" + container + ":" : "")
                && v.toString().contains("\"" + container + "\"") && v.toString().contains("\"" + stackId + "\"");
        ConsumerRecord<String, SpecificRecord> record = events.awaitRecord(r -> r.topic()
                .equals(Topics.hostCommands(host).name()) && type.isInstance(r.value()) && about.test(r.value()),
                DEADLINE);
        return type.cast(record.value());
    }

    private DesiredContainer awaitDesired(String host, String stackId, String container) {
        return (DesiredContainer) events.awaitRecord(r -> r.topic().equals(Topics.hostDesired(host).name())
                && r.key().equals(Topics.desiredKey(stackId, container)) && r.value() != null,
                DEADLINE).value();
    }

    private void awaitStatus(String stackId, String status) {
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(get("/api/v1/stacks/" + stackId).body())
                .contains("\"status\":\"" + status + "\""));
    }

    private static String eventId(String json) {
        Matcher m = Pattern.compile("\"eventId\":\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as(json).isTrue();
        return m.group(1);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> delete(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A minimal Server-Sent Events client over the JDK's HTTP client (unauthenticated: security is off here). */
    record SseClient(HttpResponse<InputStream> response, EventReader events) {

        static SseClient open(int port, String path, String lastEventId) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Accept", "text/event-stream");
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            HttpResponse<InputStream> response = java.net.http.HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            return new SseClient(response, new EventReader(response.body()));
        }

        List<Event> read(int count) throws Exception {
            List<Event> read = new ArrayList<>();
            while (read.size() < count) {
                read.add(next());
            }
            return read;
        }

        List<Event> readUntil(Predicate<Event> last) throws Exception {
            List<Event> read = new ArrayList<>();
            Event event;
            do {
                event = next();
                read.add(event);
            } while (!last.test(event));
            return read;
        }

        /** The next event. Blocks: the test's {@code @Timeout} bounds it. */
        private Event next() throws Exception {
            Event event = events.next();
            if (event == null) {
                throw new IllegalStateException("the stream ended");
            }
            return event;
        }

        void close() throws Exception {
            response.body().close();
        }
    }
}
