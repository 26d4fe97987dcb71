package io.graphium.placement.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphium.events.ContainerDemand;
import io.graphium.events.ContainerPlacement;
import io.graphium.events.ContainerState;
import io.graphium.events.HostDescription;
import io.graphium.events.HostHeartbeat;
import io.graphium.events.HostPort;
import io.graphium.events.HostStatus;
import io.graphium.events.HostUsage;
import io.graphium.events.ManagedContainer;
import io.graphium.events.PlacementDecided;
import io.graphium.events.PlacementDiagnosis;
import io.graphium.events.PlacementFailed;
import io.graphium.events.PlacementRequested;
import io.graphium.events.PlacementStrategy;
import io.graphium.events.PortMapping;
import io.graphium.kafka.EventPublisher;
import io.graphium.kafka.KafkaClientSettings;
import io.graphium.kafka.DeadLetters;
import io.graphium.kafka.Topic;
import io.graphium.kafka.TopicProvisioner;
import io.graphium.kafka.Topics;
import java.nio.charset.StandardCharsets;
import io.graphium.kafka.test.GraphiumKafkaTest;
import io.graphium.placement.core.PlacementEngine;
import io.graphium.placement.core.PlacementSettings;
import io.graphium.placement.core.model.HostConstraint;
import io.graphium.placement.core.model.PlacementOutcome;
import io.graphium.placement.core.model.PlacementRequest;
import io.graphium.placement.core.model.StrategyKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Heartbeats in, decisions out, through a real broker and schema registry. Every test first publishes fresh
 * heartbeats of the same three hosts (host-a has 6379/tcp in use) and leaves no reservation behind that would change
 * another test's spread.
 */
@SpringBootTest(properties = "graphium.placement.host-ttl=5m") // a slow first schema registration must not age hosts
@GraphiumKafkaTest
class PlacementFlowTest {

    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    @Autowired
    EventPublisher publisher;
    @Autowired
    TopicProvisioner topics;
    @Autowired
    PlacementEngine engine;
    @Autowired
    DecisionReplay replay;
    @Value("${spring.embedded.kafka.brokers}")
    String brokers;
    @Value("${graphium.kafka.registry-url}")
    String registryUrl;

    KafkaConsumer<String, SpecificRecord> results;
    final List<SpecificRecord> received = new ArrayList<>();

    @BeforeEach
    void hostsReportIn() throws Exception {
        results = KafkaClientSettings.newConsumer(brokers, registryUrl, "flow-test-" + UUID.randomUUID());
        results.subscribe(List.of(Topics.PLACEMENT_RESULTS.name()));
        heartbeat("host-a", List.of(6379));
        heartbeat("host-b", List.of());
        heartbeat("host-c", List.of());
    }

    @AfterEach
    void closeConsumer() {
        results.close();
    }

    @Test
    void spreadsFourContainersOverThreeHostsAvoidingAUsedPort() throws Exception {
        PlacementRequested request = request("shop", PlacementStrategy.SPREAD, null,
                container("web", 80, 8080), container("api", 3000, 3000), container("db", 5432, 5432),
                container("cache", 6379, 6379));

        publish(request);
        PlacementDecided decided = (PlacementDecided) answerTo(request);

        assertThat(decided.getCausationId()).isEqualTo(request.getCommandId());
        assertThat(decided.getEventId()).isNotBlank();
        assertThat(decided.getStackId()).isEqualTo("shop");
        assertThat(decided.getPlacements())
                .extracting(ContainerPlacement::getContainerName, ContainerPlacement::getHostId)
                .containsExactly(tuple("web", "host-a"), tuple("api", "host-b"), tuple("db", "host-c"),
                        tuple("cache", "host-b"));
        assertThat(decided.getPlacements().stream().map(ContainerPlacement::getHostId).distinct()).hasSize(3);
        ContainerPlacement cache = decided.getPlacements().get(3);
        assertThat(cache.getHostIp()).isEqualTo("10.213.0.12");
        assertThat(cache.getPorts()).extracting(PortMapping::getHostPort).containsExactly(6379);
        assertThat(decided.getDiagnosis()).hasSize(4);
        PlacementDiagnosis cacheDiagnosis = decided.getDiagnosis().get(3);
        assertThat(cacheDiagnosis.getHostsEvaluated()).isEqualTo(3);
        assertThat(cacheDiagnosis.getChosenHostId()).isEqualTo("host-b");
        assertThat(cacheDiagnosis.getRejections()).singleElement().satisfies(rejection -> {
            assertThat(rejection.getHostId()).isEqualTo("host-a");
            assertThat(rejection.getReason()).isEqualTo("port in use");
            assertThat(rejection.getDetail()).isEqualTo("port 6379/tcp in use");
        });
        assertThat(cacheDiagnosis.getTopScores()).extracting(s -> s.getHostId()).containsExactly("host-b", "host-c");
        assertThat(cacheDiagnosis.getSummary()).startsWith("cache -> host-b");

        confirmRunning("shop", decided);
    }

    @Test
    void aStackThatFitsNowhereGetsAReadableFailure() throws Exception {
        PlacementRequested request = request("moon-base", PlacementStrategy.DATACENTER, "mars",
                container("db", 5432, 5432));

        publish(request);
        PlacementFailed failed = (PlacementFailed) answerTo(request);

        assertThat(failed.getCausationId()).isEqualTo(request.getCommandId());
        assertThat(failed.getMessage()).isEqualTo("no host for container 'db': 0/3 hosts available: host-a datacenter "
                + "us-west-2 is not mars, host-b datacenter us-west-2 is not mars, host-c datacenter us-west-2 is not "
                + "mars");
        assertThat(failed.getDiagnosis()).singleElement()
                .satisfies(d -> assertThat(d.getRejections()).hasSize(3));
    }

    @Test
    void aRedeliveredRequestGetsTheSameAnswerAndReservesOnce() throws Exception {
        PlacementRequested request = request("blog", PlacementStrategy.AUTO, null, container("web", 80, 8081));
        int pendingBefore = engine.pendingReservations();

        publish(request);
        SpecificRecord first = answerTo(request);
        publish(request);
        await().atMost(ANSWER_TIMEOUT).pollInSameThread()
                .until(() -> answersTo(request).size() == 2);

        assertThat(answersTo(request).get(1)).isEqualTo(first);
        assertThat(engine.pendingReservations()).isEqualTo(pendingBefore + 1);
        confirmRunning("blog", (PlacementDecided) first);
    }

    @Test
    void twoStacksRequestedAtTheSameMomentNeverGetTheSameFreePort() throws Exception {
        heartbeat("host-a", List.of(6379, 9000));
        heartbeat("host-b", List.of(9000)); // 9000/tcp is free on host-c only
        PlacementRequested first = request("left", PlacementStrategy.SPREAD, null, container("api", 9000, 9000));
        PlacementRequested second = request("right", PlacementStrategy.SPREAD, null, container("api", 9000, 9000));

        var sent = List.of(publisher.publish(Topics.PLACEMENT_REQUESTS, "left", first),
                publisher.publish(Topics.PLACEMENT_REQUESTS, "right", second));
        for (var send : sent) {
            send.get();
        }
        List<SpecificRecord> answers = List.of(answerTo(first), answerTo(second));

        List<PlacementDecided> decided = answers.stream().filter(PlacementDecided.class::isInstance)
                .map(PlacementDecided.class::cast).toList();
        assertThat(decided).as("exactly one stack gets the port").singleElement()
                .satisfies(d -> assertThat(d.getPlacements()).extracting(ContainerPlacement::getHostId)
                        .containsExactly("host-c"));
        PlacementFailed failed = (PlacementFailed) answers.stream().filter(PlacementFailed.class::isInstance)
                .findFirst().orElseThrow();
        String winner = decided.get(0).getStackId();
        assertThat(failed.getMessage()).isEqualTo("no host for container 'api': 0/3 hosts available: host-a port "
                + "9000/tcp in use, host-b port 9000/tcp in use, host-c port 9000/tcp reserved for " + winner + "/api");

        confirmRunning(winner, decided.get(0));
    }

    @Test
    void aRestartedPlacerReadsBackTheReservationsOfRecentDecisions() throws Exception {
        PlacementRequested request = request("kept", PlacementStrategy.AUTO, null, container("web", 80, 7070));
        publish(request);
        PlacementDecided decided = (PlacementDecided) answerTo(request);
        String host = decided.getPlacements().get(0).getHostId();

        // A new process: an empty engine that has read the inventory, then what the active placer reads on start.
        PlacementEngine restarted = new PlacementEngine(PlacementSettings.defaults());
        for (String id : List.of("host-a", "host-b", "host-c")) {
            restarted.apply(InventoryMapping.report(heartbeatEvent(id, List.of(), List.of()), Instant.now()));
        }
        DecisionReplay.Replayed replayed = replay.read(Instant.now());
        assertThat(replayed.pending()).anySatisfy(pending -> {
            assertThat(pending.container().toString()).isEqualTo("kept/web");
            assertThat(pending.hostId()).isEqualTo(host);
        });
        assertThat(restarted.restore(replayed.pending(), Instant.now())).isPositive();
        assertThat(replayed.answers()).as("answers are idempotent across restarts too")
                .containsEntry(request.getCommandId(), decided);

        PlacementOutcome onTheSameHost = restarted.place(new PlacementRequest("other", "d-other", StrategyKind.MANUAL,
                null, List.of(new io.graphium.placement.core.model.ContainerDemand("web",
                        List.of(new io.graphium.placement.core.model.PortMapping(80, 7070, null)), null,
                        HostConstraint.onHost(host))), false), Instant.now());
        assertThat(((PlacementOutcome.Failed) onTheSameHost).message())
                .endsWith(host + " port 7070/tcp reserved for kept/web");

        confirmRunning("kept", decided);
    }

    private void publish(PlacementRequested request) throws Exception {
        publisher.publish(Topics.PLACEMENT_REQUESTS, request.getStackId(), request).get();
    }

    private SpecificRecord answerTo(PlacementRequested request) {
        await().atMost(ANSWER_TIMEOUT).pollInSameThread().until(() -> !answersTo(request).isEmpty());
        return answersTo(request).get(0);
    }

    /** Results caused by {@code request}, polling for more first. */
    private List<SpecificRecord> answersTo(PlacementRequested request) {
        results.poll(Duration.ofMillis(200)).forEach(record -> received.add(record.value()));
        Predicate<SpecificRecord> causedByRequest = event -> request.getCommandId().equals(
                event instanceof PlacementDecided d ? d.getCausationId() : ((PlacementFailed) event).getCausationId());
        return received.stream().filter(causedByRequest).toList();
    }

    /** What the agents would do next: report the containers, which confirms (releases) their reservations. */
    private void confirmRunning(String stackId, PlacementDecided decided) throws Exception {
        for (String host : List.of("host-a", "host-b", "host-c")) {
            List<ManagedContainer> running = decided.getPlacements().stream()
                    .filter(p -> p.getHostId().equals(host))
                    .map(p -> ManagedContainer.newBuilder().setStackId(stackId)
                            .setDeploymentId(decided.getDeploymentId()).setContainerName(p.getContainerName())
                            .setDockerId("docker-" + p.getContainerName()).setState(ContainerState.EXITED).build())
                    .toList();
            publisher.publish(Topics.hostReports(host), host, heartbeatEvent(host, host.equals("host-a") ? List.of(6379)
                    : List.of(), running)).get();
        }
        await().atMost(ANSWER_TIMEOUT).until(() -> engine.pendingReservations() == 0);
    }

    private void heartbeat(String hostId, List<Integer> portsInUse) throws Exception {
        topics.ensure(Topics.hostReports(hostId)); // as the host's agent does at start
        publisher.publish(Topics.hostReports(hostId), hostId, heartbeatEvent(hostId, portsInUse, List.of())).get();
    }

    /**
     * A host's reports topic is found by the pattern subscription soon after it appears; a heartbeat on it that
     * claims another host is dead-lettered with the reason, and the host's own next heartbeat is applied.
     */
    @Test
    void aNewHostIsFoundByItsReportsTopicAndAForgedHeartbeatIsDeadLettered() throws Exception {
        String newHost = "host-n" + UUID.randomUUID().toString().substring(0, 6);
        long started = System.nanoTime();
        heartbeat(newHost, List.of());
        await().atMost(ANSWER_TIMEOUT).pollInterval(Duration.ofMillis(20))
                .until(() -> engine.hostIds().contains(newHost));
        System.out.printf("discovery: new reports topic created -> its first heartbeat in the inventory in %d ms%n",
                (System.nanoTime() - started) / 1_000_000);

        Topic reports = Topics.hostReports(newHost);
        publisher.publish(reports, "host-forged", heartbeatEvent("host-forged", List.of(), List.of())).get();
        publisher.publish(reports, newHost, heartbeatEvent(newHost, List.of(), List.of())).get();
        try (KafkaConsumer<String, SpecificRecord> deadLetters = KafkaClientSettings.newConsumer(brokers, registryUrl,
                "dlt-" + UUID.randomUUID())) {
            deadLetters.subscribe(List.of(reports.deadLetterTopic()));
            List<String> reasons = new ArrayList<>();
            await().atMost(ANSWER_TIMEOUT).until(() -> {
                deadLetters.poll(Duration.ofMillis(200)).forEach(r -> reasons.add(new String(
                        r.headers().lastHeader(DeadLetters.REASON_HEADER).value(), StandardCharsets.UTF_8)));
                return !reasons.isEmpty();
            });
            assertThat(reasons).containsExactly("processing " + reports.name() + "-0@1 failed: HostHeartbeat claims "
                    + "host 'host-forged' on the reports topic of host '" + newHost + "'");
        }
        assertThat(engine.hostIds()).contains(newHost).doesNotContain("host-forged");
    }

    private static HostHeartbeat heartbeatEvent(String hostId, List<Integer> portsInUse,
                                                List<ManagedContainer> containers) {
        return HostHeartbeat.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                .setHost(HostDescription.newBuilder().setHostId(hostId).setName(hostId)
                        .setIpAddress("10.213.0." + (11 + hostId.charAt(5) - 'a')).setCpus(4)
                        .setMemoryBytes(8L << 30).setDatacenter("us-west-2").setLabels(Map.of()).build())
                .setStatus(HostStatus.ACTIVE)
                .setUsage(HostUsage.newBuilder().setCpuUsedCores(0).setMemoryUsedBytes(0).setContainersRunning(0)
                        .build())
                .setContainers(containers)
                .setPortsInUse(portsInUse.stream().map(p -> HostPort.newBuilder().setPort(p).build()).toList())
                .build();
    }

    private static PlacementRequested request(String stackId, PlacementStrategy strategy, String location,
                                              ContainerDemand... containers) {
        return PlacementRequested.newBuilder().setCommandId(UUID.randomUUID().toString()).setRequestedAt(Instant.now())
                .setStackId(stackId).setDeploymentId("d-" + UUID.randomUUID()).setStrategy(strategy)
                .setLocation(location).setContainers(Arrays.asList(containers)).build();
    }

    private static ContainerDemand container(String name, int containerPort, int hostPort) {
        return ContainerDemand.newBuilder().setContainerName(name).setPorts(List.of(PortMapping.newBuilder()
                .setContainerPort(containerPort).setHostPort(hostPort).build())).build();
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }
}
