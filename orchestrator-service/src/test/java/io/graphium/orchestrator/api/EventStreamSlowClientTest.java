package io.graphium.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.graphium.events.ContainerPlacement;
import io.graphium.events.ContainerState;
import io.graphium.events.ContainerStatusChanged;
import io.graphium.events.DeployContainer;
import io.graphium.events.HealthStatus;
import io.graphium.events.PlacementDecided;
import io.graphium.events.PlacementRequested;
import io.graphium.events.StackHistoryEvent;
import io.graphium.events.StackHistoryKind;
import io.graphium.kafka.Topics;
import io.graphium.kafka.test.GraphiumKafkaTest;
import io.graphium.kafka.test.TestEventClient;
import io.graphium.orchestrator.OrchestratorOverKafka;
import io.graphium.orchestrator.api.EventStreamClients.Event;
import io.graphium.orchestrator.api.EventStreamClients.NonReadingClient;
import io.graphium.orchestrator.api.EventStreamClients.SseClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Clients that do not read cost the deployments nothing: with one connected and stuck, a deployment through the
 * simulated flow (the test plays placement and the agent) still reaches RUNNING, and the stuck client is dropped
 * with one WARN, then resumes without gap; a client that reads gets every event in order and resumes without gap.
 * <p>
 * Also a measurement, not an assertion: deployment time without and with clients that do not read. The normal run
 * does 3 deployments each way with 20 such clients and prints one line {@code MEASURED sse-slow-client: ...}; for
 * a real figure run
 * <pre>
 * ./mvnw -B -ntp -o test -pl orchestrator-service -Dtest=EventStreamSlowClientTest#measure* \
 *     -Dgraphium.sse.bench.rounds=20 -Dgraphium.sse.bench.clients=20
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "graphium.sse.buffer-events="
        + EventStreamSlowClientTest.BUFFER)
@GraphiumKafkaTest
@Timeout(value = 5, unit = TimeUnit.MINUTES) // stream reads block: a missing event fails the test, never hangs it
class EventStreamSlowClientTest extends OrchestratorOverKafka {

    static final int BUFFER = 64;
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    /** History entries this large fill a stuck client's socket in a few events. */
    private static final int LARGE = 4 * 1024;
    private static final String ONE_CONTAINER = """
            {"name": "sse", "itemListElement": [{"name": "web", "image": "web:1"}]}""";

    /**
     * Linux grows a loopback socket's send buffer to megabytes; fixed small, the server's writes to a client that
     * does not read block after a few kilobytes, as they would sooner or later on a real network.
     */
    @TestConfiguration
    static class SmallSendBuffers {
        @Bean
        TomcatConnectorCustomizer smallSendBuffer() {
            return connector -> connector.setProperty("socket.txBufSize", "4096");
        }
    }

    @DynamicPropertySource
    static void security(DynamicPropertyRegistry registry) {
        EventStreamClients.authentication(registry);
    }

    @Autowired
    EventStreamController controller;

    private TestEventClient events;
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void start() {
        events = TestEventClient.reading(brokers, registry, Pattern.compile(
                "graphium\\.(placement\\.requests|host\\.commands\\..+)"));
        reports("h1");
        logged.start();
        ((Logger) LoggerFactory.getLogger(EventStream.class)).addAppender(logged);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(EventStream.class)).detachAppender(logged);
        events.close();
    }

    @Test
    void aClientThatDoesNotReadDelaysNoDeploymentIsDroppedAndResumesWithoutGap() throws Exception {
        int before = controller.openStreams();
        try (NonReadingClient stuck = new NonReadingClient(port, "/api/v1/events")) {
            await().atMost(DEADLINE).until(() -> controller.openStreams() == before + 1);
            history("stuck-flood", 0, 20); // enough to fill its socket, not its buffer

            deploy("stuck-deploy");
            // Had a write to it held up the listeners, RUNNING would have waited for the container's write timeout,
            // which ends the stream.
            assertThat(controller.openStreams()).as("still connected, never read from").isEqualTo(before + 1);

            history("stuck-flood", 20, 4 * BUFFER); // now its buffer overflows
            await().atMost(DEADLINE).until(() -> controller.openStreams() == before);
            assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.WARN)
                    .extracting(ILoggingEvent::getFormattedMessage).singleElement().asString()
                    .contains("/api/v1/events from 127.0.0.1:", "(sse-test)",
                            "client did not read: " + BUFFER + " events buffered");

            EventStreamClients.Response response = stuck.readToEnd(DEADLINE);
            assertThat(response.head()).startsWith("HTTP/1.1 200");
            List<Event> received = response.events().stream().filter(e -> e.name().equals("history")).toList();
            assertThat(received).as("dropped before the end").noneMatch(e -> e.data().contains(
                    "\"eventId\":\"stuck-flood-" + (20 + 4 * BUFFER - 1) + "\""));

            // It resumes after the last event it got: what it missed comes from the history, once.
            String lastId = received.get(received.size() - 1).id();
            List<Event> resumed;
            try (SseClient again = SseClient.open(port, "/api/v1/events", lastId)) {
                resumed = again.readUntil(e -> e.data().contains("\"eventId\":\"stuck-flood-"
                        + (20 + 4 * BUFFER - 1) + "\""));
            }
            List<String> streamed = new ArrayList<>();
            received.forEach(e -> streamed.add(eventId(e)));
            resumed.stream().filter(e -> e.name().equals("history")).forEach(e -> streamed.add(eventId(e)));
            assertThat(streamed).as("no duplicate").doesNotHaveDuplicates();
            for (String stack : List.of("stuck-flood", "stuck-deploy")) {
                List<String> recorded = recorded(stack);
                assertThat(streamed.stream().filter(recorded::contains).toList()).as("no gap in %s", stack)
                        .isEqualTo(recorded);
            }
        }
    }

    @Test
    void aClientThatReadsGetsEveryEventInOrderAndResumesWithoutGapBesideOneThatDoesNot() throws Exception {
        try (NonReadingClient stuck = new NonReadingClient(port, "/api/v1/events")) {
            history("steady-flood", 0, 20);
            List<Event> firstPart;
            try (SseClient reader = SseClient.open(port, "/api/v1/stacks/steady/events", null)) {
                deploy("steady");
                firstPart = reader.readUntil(e -> e.name().equals("history")
                        && e.data().contains("\"status\":\"RUNNING\"") && e.data().contains("STATUS_CHANGED"));
            }
            List<Event> history = firstPart.stream().filter(e -> e.name().equals("history")).toList();
            assertThat(history).extracting(Event::id).doesNotContainNull().doesNotHaveDuplicates();
            assertThat(firstPart).filteredOn(e -> e.name().equals("stack")).isNotEmpty();

            history("steady", 0, 5); // while it is away
            List<Event> secondPart;
            try (SseClient reader = SseClient.open(port, "/api/v1/stacks/steady/events",
                    history.get(history.size() - 1).id())) {
                secondPart = reader.readUntil(e -> e.data().contains("\"eventId\":\"steady-4\""));
            }
            List<String> streamed = new ArrayList<>();
            history.forEach(e -> streamed.add(eventId(e)));
            secondPart.stream().filter(e -> e.name().equals("history")).forEach(e -> streamed.add(eventId(e)));
            assertThat(streamed).as("every entry, in order, once").isEqualTo(recorded("steady"));
        }
    }

    /**
     * Deployment time (request to RUNNING as REST shows it) without and with clients connected that do not read;
     * prints the figure, asserts nothing about it. Each round first fills the stuck clients' sockets, and puts the
     * same history through the orchestrator in rounds without them.
     */
    @Test
    void measureDeploymentTimeWithAndWithoutClientsThatDoNotRead() throws Exception {
        int rounds = Integer.getInteger("graphium.sse.bench.rounds", 3);
        int clients = Integer.getInteger("graphium.sse.bench.clients", 20);
        deploy("bench-warmup");
        List<Long> without = new ArrayList<>();
        List<Long> with = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            int before = controller.openStreams();
            history("bench-flood-a" + round, 0, 20);
            without.add(deploy("bench-a" + round).toMillis());

            List<NonReadingClient> stuck = new ArrayList<>();
            try {
                for (int i = 0; i < clients; i++) {
                    stuck.add(new NonReadingClient(port, "/api/v1/events"));
                }
                await().atMost(DEADLINE).until(() -> controller.openStreams() == before + clients);
                history("bench-flood-b" + round, 0, 20);
                with.add(deploy("bench-b" + round).toMillis());
            } finally {
                for (NonReadingClient client : stuck) {
                    client.close();
                }
            }
            await().atMost(DEADLINE).until(() -> controller.openStreams() == before);
        }
        System.out.printf(Locale.ROOT, "MEASURED sse-slow-client: deploy without slow client p50=%dms, with %d slow"
                + " clients p50=%dms (n=%d)%n", p50(without), clients, p50(with), rounds);
        assertThat(with).hasSize(rounds);
    }

    // ---- the simulated flow: the test plays placement and the agent of host h1 ----

    /** Deploys one container through REST, placement and the agent, and waits for RUNNING; how long it took. */
    private Duration deploy(String stackId) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> accepted = http.send(EventStreamClients.request(port, "/api/v1/stacks?stackId="
                        + stackId).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ONE_CONTAINER)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        PlacementRequested request = (PlacementRequested) events.awaitRecord(r -> r.topic()
                .equals(Topics.PLACEMENT_REQUESTS.name()) && r.value() instanceof PlacementRequested p
                && p.getStackId().equals(stackId), DEADLINE).value();
        List<ContainerPlacement> placements = new ArrayList<>();
        request.getContainers().forEach(demand -> placements.add(ContainerPlacement.newBuilder()
                .setContainerName(demand.getContainerName()).setHostId("h1").setHostIp("10.9.0.1")
                .setPorts(demand.getPorts()).build()));
        events.send(Topics.PLACEMENT_RESULTS, stackId, PlacementDecided.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setCausationId(request.getCommandId())
                .setOccurredAt(Instant.now()).setStackId(stackId).setDeploymentId(request.getDeploymentId())
                .setStrategy(request.getStrategy()).setPlacements(placements).build());
        events.awaitRecord(r -> r.topic().equals(Topics.hostCommands("h1").name())
                && r.value() instanceof DeployContainer d && d.getCommandId().startsWith(request.getDeploymentId()),
                DEADLINE);
        events.send(Topics.hostReports("h1"), Topics.statusKey(stackId, "web"), ContainerStatusChanged.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now()).setHostId("h1")
                .setStackId(stackId).setDeploymentId(request.getDeploymentId()).setContainerName("web")
                .setState(ContainerState.RUNNING).setHealth(HealthStatus.NONE).setDockerId("docker-web").build());
        await().atMost(DEADLINE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                .until(() -> get("/api/v1/stacks/" + stackId).contains("\"status\":\"RUNNING\""));
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Entries {@code from} to {@code from + count - 1} of a stack's history, large ones, straight to the topic. */
    private void history(String stackId, int from, int count) throws Exception {
        String filler = "x".repeat(LARGE);
        for (int i = from; i < from + count; i++) {
            events.send(Topics.STACK_HISTORY, stackId, StackHistoryEvent.newBuilder().setEventId(stackId + "-" + i)
                    .setOccurredAt(Instant.now()).setStackId(stackId).setDeploymentId("flood")
                    .setKind(StackHistoryKind.OTHER).setMessage("entry " + i + " " + filler).build());
        }
    }

    /** The event ids of a stack's history as REST has it, oldest first. */
    private List<String> recorded(String stackId) throws Exception {
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("\"eventId\":\"([^\"]+)\"").matcher(get("/api/v1/stacks/" + stackId
                + "/history"));
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private String get(String path) throws Exception {
        return http.send(EventStreamClients.request(port, path).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String eventId(Event event) {
        Matcher m = Pattern.compile("\"eventId\":\"([^\"]+)\"").matcher(event.data());
        assertThat(m.find()).as(event.data()).isTrue();
        return m.group(1);
    }

    private static long p50(List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get((sorted.size() - 1) / 2);
    }
}
