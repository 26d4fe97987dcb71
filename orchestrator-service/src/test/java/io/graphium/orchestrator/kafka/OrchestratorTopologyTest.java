package io.graphium.orchestrator.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.admission.AdmissionPolicy;
import io.graphium.events.ContainerPlacement;
import io.graphium.events.ContainerState;
import io.graphium.events.ContainerStatusChanged;
import io.graphium.events.DeployContainer;
import io.graphium.events.DesiredContainer;
import io.graphium.events.DesiredState;
import io.graphium.events.HealthStatus;
import io.graphium.events.KeyRing;
import io.graphium.events.PlacementDecided;
import io.graphium.events.PlacementRequested;
import io.graphium.events.RemoveContainer;
import io.graphium.events.StackDeployRequested;
import io.graphium.events.StackDeploymentStatus;
import io.graphium.events.StackHistoryEvent;
import io.graphium.events.StackHistoryKind;
import io.graphium.events.StackStatus;
import io.graphium.kafka.DeadLetters;
import io.graphium.kafka.Topic;
import io.graphium.kafka.TopicProvisioner;
import io.graphium.kafka.Topics;
import io.graphium.kafka.TransientFailure;
import io.graphium.orchestrator.admission.StackAdmission;
import io.graphium.orchestrator.application.StackInputs;
import io.graphium.orchestrator.core.StackDefinitionParser;
import io.graphium.orchestrator.history.HistoryFixtures;
import io.graphium.orchestrator.security.CommandAttribution;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The orchestrator's whole topology ({@link OrchestratorTopology#create}, with a serde that needs no registry) in a
 * {@code TopologyTestDriver}: what each input makes it write, that a redelivered input writes nothing, that a report
 * from the wrong host is refused and recorded, the deadline punctuator, and poison dead-lettered with its reason
 * while the next input goes through.
 */
class OrchestratorTopologyTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    /** web on h1, cache on h2; no dependencies, so both are commanded at once. */
    private static final String SHOP = """
            {"name": "shop", "itemListElement": [
              {"name": "web", "image": "web:1", "ports": [{"containerPort": 80, "hostPort": 8080}]},
              {"name": "cache", "image": "cache:1", "ports": [{"containerPort": 6379, "hostPort": 6379}]}
            ]}""";
    private static final Map<String, String> HOSTS = Map.of("web", "h1", "cache", "h2");

    @TempDir
    Path stateDir;

    private final Serde<SpecificRecord> events = HistoryFixtures.serde();
    private final AvroMapping mapping = new AvroMapping(KeyRing.empty());
    private final MovableClock clock = new MovableClock(T0);
    private final Set<String> provisioned = ConcurrentHashMap.newKeySet();
    private final StackStatusView statusView = new StackStatusView(events.deserializer());

    private TopologyTestDriver driver;
    private TestInputTopic<String, SpecificRecord> commands;
    private TestInputTopic<String, SpecificRecord> results;
    private TestOutputTopic<String, SpecificRecord> placementRequests;
    private TestOutputTopic<String, SpecificRecord> status;
    private TestOutputTopic<String, SpecificRecord> history;
    private TestOutputTopic<String, SpecificRecord> definitions;

    @BeforeEach
    void startDriver() {
        TopicProvisioner topics = new TopicProvisioner(null) {
            @Override
            public void ensure(Topic topic) {
                provisioned.add(topic.name());
            }
        };
        OrchestratorTopology.Built built = OrchestratorTopology.create(
                new StackInputs(new StackAdmission(AdmissionPolicy.DEFAULTS)), mapping, events.serializer(),
                events::deserializer, topics, CommandAttribution.of(KeyRing.empty()), TransientFailure.UNREACHABLE,
                clock, statusView);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "orchestrator-topology-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(built.topology(), config, T0);
        statusView.attach(() -> driver.getKeyValueStore(StackStatusView.STORE));
        commands = input(Topics.STACK_COMMANDS.name());
        results = input(Topics.PLACEMENT_RESULTS.name());
        placementRequests = output(Topics.PLACEMENT_REQUESTS.name());
        status = output(Topics.STACK_STATUS.name());
        history = output(Topics.STACK_HISTORY.name());
        definitions = output(Topics.STACK_DEFINITIONS.name());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void aDeployCommandAsksPlacementAndRecordsTheStackAsPlacing() {
        deploy("shop", "deploy-1", Duration.ofMinutes(5));

        PlacementRequested request = (PlacementRequested) single(placementRequests);
        assertThat(request.getStackId()).isEqualTo("shop");
        assertThat(request.getDeploymentId()).isEqualTo("deploy-1");
        assertThat(request.getContainers()).extracting(c -> c.getContainerName()).containsExactly("web", "cache");
        assertThat(((StackDeploymentStatus) single(status)).getStatus()).isEqualTo(StackStatus.PLACING);
        assertThat(((StackDeployRequested) single(definitions)).getCommandId()).isEqualTo("deploy-1");
        assertThat(kinds(history)).contains(StackHistoryKind.DEPLOY_REQUESTED, StackHistoryKind.PLACEMENT_REQUESTED);
        assertThat(statusView.get("shop")).hasValueSatisfying(s -> assertThat(s.status().name())
                .isEqualTo("PLACING"));
    }

    @Test
    void aPlacementDecisionCommandsEachHostWithItsDesiredStateAndRecordsStatusAndHistoryFromThatOneInput() {
        deploy("shop", "deploy-1", Duration.ofMinutes(5));
        PlacementRequested request = (PlacementRequested) single(placementRequests);
        drainAll();

        results.pipeInput("shop", decision(request, "decided-1"));

        TestOutputTopic<String, SpecificRecord> h1 = output(Topics.hostCommands("h1").name());
        TestOutputTopic<String, SpecificRecord> h2 = output(Topics.hostCommands("h2").name());
        DeployContainer web = (DeployContainer) single(h1);
        DeployContainer cache = (DeployContainer) single(h2);
        assertThat(web.getSpec().getContainerName()).isEqualTo("web");
        assertThat(cache.getSpec().getContainerName()).isEqualTo("cache");
        TestRecord<String, SpecificRecord> desiredWeb = output(Topics.hostDesired("h1").name()).readRecord();
        assertThat(desiredWeb.key()).isEqualTo(Topics.desiredKey("shop", "web"));
        assertThat(((DesiredContainer) desiredWeb.value()).getState()).isEqualTo(DesiredState.RUNNING);
        assertThat(((DesiredContainer) desiredWeb.value()).getCommandId()).isEqualTo(web.getCommandId());
        assertThat(output(Topics.hostDesired("h2").name()).readValuesToList()).hasSize(1);
        assertThat(((StackDeploymentStatus) single(status)).getStatus()).isEqualTo(StackStatus.DEPLOYING);
        assertThat(kinds(history)).contains(StackHistoryKind.PLACED, StackHistoryKind.CONTAINER_COMMANDED);
        assertThat(provisioned).as("the hosts' topics exist before they are written")
                .contains(Topics.hostCommands("h1").name(), Topics.hostDesired("h2").name());
    }

    @Test
    void aContainerReportReKeyedToItsStackMovesTheStateToRunning() {
        String deploymentId = deployedAndPlaced("shop");

        report("h1", "shop", deploymentId, "web", ContainerState.RUNNING, "r-1");
        assertThat(((StackDeploymentStatus) last(status)).getStatus()).isEqualTo(StackStatus.DEPLOYING);
        report("h2", "shop", deploymentId, "cache", ContainerState.RUNNING, "r-2");

        StackDeploymentStatus running = (StackDeploymentStatus) last(status);
        assertThat(running.getStatus()).isEqualTo(StackStatus.RUNNING);
        assertThat(statusView.get("shop").orElseThrow().status().name()).isEqualTo("RUNNING");
    }

    @Test
    void aRedeliveredInputChangesNothing() {
        deploy("shop", "deploy-1", Duration.ofMinutes(5));
        PlacementRequested request = (PlacementRequested) single(placementRequests);
        results.pipeInput("shop", decision(request, "decided-1"));
        report("h1", "shop", "deploy-1", "web", ContainerState.RUNNING, "r-1");
        long version = ((StackDeploymentStatus) last(status)).getVersion();
        drainAll();

        deploy("shop", "deploy-1", Duration.ofMinutes(5));
        results.pipeInput("shop", decision(request, "decided-1"));
        report("h1", "shop", "deploy-1", "web", ContainerState.RUNNING, "r-1");

        assertThat(placementRequests.isEmpty()).as("no second placement request").isTrue();
        assertThat(output(Topics.hostCommands("h1").name()).isEmpty()).as("no second host command").isTrue();
        assertThat(output(Topics.hostDesired("h1").name()).isEmpty()).isTrue();
        assertThat(status.isEmpty()).as("no new state").isTrue();
        assertThat(statusView.get("shop").orElseThrow().version()).isEqualTo(version);
    }

    @Test
    void aReportFromTheWrongHostIsRefusedAndRecordedAndChangesNothing() {
        String deploymentId = deployedAndPlaced("shop");

        // h2, on its own topic (so not forged), reports about 'web', which was placed on h1.
        report("h2", "shop", deploymentId, "web", ContainerState.EXITED, "spoof-1");

        List<StackHistoryEvent> entries = histories();
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.getKind()).isEqualTo(StackHistoryKind.REPORT_REFUSED);
            assertThat(e.getMessage()).contains("refused a report from host h2 that container 'web' is EXITED");
        });
        assertThat(status.isEmpty()).as("the state did not move").isTrue();
        assertThat(statusView.get("shop").orElseThrow().status().name()).isEqualTo("DEPLOYING");
    }

    @Test
    void theDeadlinePunctuatorFailsAStuckDeploymentAndRollsItBack() {
        deploy("stuck", "stuck-1", Duration.ofSeconds(5));
        PlacementRequested request = (PlacementRequested) single(placementRequests);
        results.pipeInput("stuck", decision(request, "decided-1"));
        report("h1", "stuck", "stuck-1", "web", ContainerState.RUNNING, "r-1");
        drainAll();

        advance(Duration.ofSeconds(3));
        assertThat(status.isEmpty()).as("not yet").isTrue();
        advance(Duration.ofSeconds(3));

        StackDeploymentStatus failed = (StackDeploymentStatus) last(status);
        assertThat(failed.getStatus()).isIn(StackStatus.FAILED, StackStatus.REMOVING);
        assertThat(String.valueOf(failed.getError())).contains("did not reach RUNNING by its deadline");
        assertThat(kinds(history)).contains(StackHistoryKind.DEADLINE_EXPIRED, StackHistoryKind.ROLLBACK_STARTED);
        assertThat(output(Topics.hostCommands("h1").name()).readValuesToList())
                .anySatisfy(c -> assertThat(c).isInstanceOf(RemoveContainer.class));
    }

    @Test
    void poisonOnTheInputTopicsIsDeadLetteredWithItsReasonAndTheNextInputGoesThrough() {
        TestInputTopic<String, byte[]> rawCommands = rawInput(Topics.STACK_COMMANDS.name());
        TestOutputTopic<String, byte[]> commandsDlt = rawOutput(Topics.STACK_COMMANDS.deadLetterTopic());
        rawCommands.pipeInput("garbage", "not avro".getBytes(StandardCharsets.UTF_8));
        commands.pipeInput("wrong-type", StackHistoryEvent.newBuilder().setEventId("e").setOccurredAt(T0)
                .setStackId("wrong-type").setDeploymentId("d").setKind(StackHistoryKind.OTHER).setStatus(StackStatus.PENDING).setMessage("m")
                .build());
        rawCommands.pipeInput("tombstone", (byte[]) null);
        commands.pipeInput("not-the-stack", deployCommand("keyed-wrong", "k-1", Duration.ofMinutes(5)));

        List<String> reasons = reasons(commandsDlt);
        assertThat(reasons).hasSize(4);
        assertThat(reasons.get(0)).startsWith("cannot decode the value of graphium.stack.commands");
        assertThat(reasons.get(1)).contains("StackHistoryEvent does not belong on graphium.stack.commands");
        assertThat(reasons.get(2)).contains("it has no value: graphium.stack.commands carries only");
        assertThat(reasons.get(3)).contains("its key 'not-the-stack' is not the stack id 'keyed-wrong'");
        assertThat(placementRequests.isEmpty()).isTrue();

        TestInputTopic<String, byte[]> rawResults = rawInput(Topics.PLACEMENT_RESULTS.name());
        rawResults.pipeInput("shop", new byte[] {0, 0, 0, 0, 42, 1, 2, 3});
        assertThat(reasons(rawOutput(Topics.PLACEMENT_RESULTS.deadLetterTopic())))
                .singleElement().asString().startsWith("cannot decode the value of graphium.placement.results");

        String deploymentId = deployedAndPlaced("shop");
        TestInputTopic<String, byte[]> rawReports = rawInput(Topics.hostReports("h1").name());
        rawReports.pipeInput(Topics.statusKey("shop", "web"), "garbage".getBytes(StandardCharsets.UTF_8));
        input(Topics.hostReports("h1").name()).pipeInput(Topics.statusKey("other", "web"), status("h1", "shop",
                deploymentId, "web", ContainerState.RUNNING, "misrouted"));
        List<TestRecord<String, byte[]>> reportLetters = rawOutput(Topics.hostReports("h1").deadLetterTopic())
                .readRecordsToList();
        assertThat(reportLetters).as("as the host wrote them").extracting(TestRecord::key)
                .containsExactly(Topics.statusKey("shop", "web"), Topics.statusKey("other", "web"));
        assertThat(reason(reportLetters.get(0))).isEqualTo("cannot decode the value of graphium.host.reports.h1 "
                + "(graphium.host.reports.h1-0@0): not in the Confluent wire format (first byte 0x67, expected magic "
                + "byte 0x00); not an event: no record name");
        assertThat(reason(reportLetters.get(1))).contains("its key 'other' is not the stack id 'shop'");
        assertThat(reportLetters.get(0).headers().lastHeader(StackProcessor.ORIGIN_TOPIC_HEADER)).isNull();

        // On the internal repartition topic without the router's headers: whose it is is unknown; skipped.
        rawInput("orchestrator-topology-test-" + OrchestratorTopology.REPORTS_REPARTITION + "-repartition")
                .pipeInput("shop", "garbage".getBytes(StandardCharsets.UTF_8));
        assertThat(driver.producedTopicNames()).noneMatch(t -> t.endsWith("-repartition.DLT"));

        report("h1", "shop", deploymentId, "web", ContainerState.RUNNING, "r-1");
        report("h2", "shop", deploymentId, "cache", ContainerState.RUNNING, "r-2");
        assertThat(((StackDeploymentStatus) last(status)).getStatus()).isEqualTo(StackStatus.RUNNING);
    }

    // ---- inputs ------------------------------------------------------------------------------------------------

    private StackDeployRequested deployCommand(String stackId, String commandId, Duration deadline) {
        return StackDeployRequested.newBuilder().setCommandId(commandId).setRequestedAt(clock.instant())
                .setStackId(stackId).setDefinition(mapping.definition(StackDefinitionParser.parse(SHOP).definition()))
                .setDeadlineMillis(deadline.toMillis()).build();
    }

    private void deploy(String stackId, String commandId, Duration deadline) {
        commands.pipeInput(stackId, deployCommand(stackId, commandId, deadline), clock.millis());
    }

    private String deployedAndPlaced(String stackId) {
        deploy(stackId, stackId + "-1", Duration.ofMinutes(5));
        PlacementRequested request = (PlacementRequested) placementRequests.readValuesToList().stream()
                .filter(r -> ((PlacementRequested) r).getStackId().equals(stackId)).findFirst().orElseThrow();
        results.pipeInput(stackId, decision(request, stackId + "-decided"));
        drainAll();
        return request.getDeploymentId();
    }

    private static PlacementDecided decision(PlacementRequested request, String eventId) {
        List<ContainerPlacement> placements = new ArrayList<>();
        for (var demand : request.getContainers()) {
            String host = HOSTS.get(demand.getContainerName());
            placements.add(ContainerPlacement.newBuilder().setContainerName(demand.getContainerName())
                    .setHostId(host).setHostIp("10.9.0." + host.substring(1)).setPorts(demand.getPorts()).build());
        }
        return PlacementDecided.newBuilder().setEventId(eventId).setCausationId(request.getCommandId())
                .setOccurredAt(T0).setStackId(request.getStackId()).setDeploymentId(request.getDeploymentId())
                .setStrategy(request.getStrategy()).setPlacements(placements).build();
    }

    private void report(String host, String stackId, String deploymentId, String container, ContainerState state,
                        String eventId) {
        input(Topics.hostReports(host).name()).pipeInput(Topics.statusKey(stackId, container),
                status(host, stackId, deploymentId, container, state, eventId), clock.millis());
    }

    private static ContainerStatusChanged status(String host, String stackId, String deploymentId, String container,
                                                 ContainerState state, String eventId) {
        return ContainerStatusChanged.newBuilder().setEventId(eventId).setOccurredAt(T0).setHostId(host)
                .setStackId(stackId).setDeploymentId(deploymentId).setContainerName(container).setState(state)
                .setHealth(HealthStatus.NONE).setDockerId("docker-" + container).build();
    }

    /** Moves the processor's clock and the driver's wall-clock time (which fires the punctuator) together. */
    private void advance(Duration by) {
        clock.advance(by);
        driver.advanceWallClockTime(by);
    }

    // ---- outputs -----------------------------------------------------------------------------------------------

    private TestInputTopic<String, SpecificRecord> input(String topic) {
        return driver.createInputTopic(topic, new StringSerializer(), events.serializer());
    }

    private TestInputTopic<String, byte[]> rawInput(String topic) {
        return driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer());
    }

    private TestOutputTopic<String, SpecificRecord> output(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), events.deserializer());
    }

    private TestOutputTopic<String, byte[]> rawOutput(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static List<String> reasons(TestOutputTopic<String, byte[]> deadLetters) {
        return deadLetters.readRecordsToList().stream().map(OrchestratorTopologyTest::reason).toList();
    }

    private static String reason(TestRecord<String, byte[]> deadLetter) {
        return new String(deadLetter.headers().lastHeader(DeadLetters.REASON_HEADER).value(), StandardCharsets.UTF_8);
    }

    private static SpecificRecord single(TestOutputTopic<String, SpecificRecord> topic) {
        List<SpecificRecord> values = topic.readValuesToList();
        assertThat(values).hasSize(1);
        return values.get(0);
    }

    private static SpecificRecord last(TestOutputTopic<String, SpecificRecord> topic) {
        List<SpecificRecord> values = topic.readValuesToList();
        assertThat(values).isNotEmpty();
        return values.get(values.size() - 1);
    }

    private List<StackHistoryEvent> histories() {
        return history.readValuesToList().stream().map(StackHistoryEvent.class::cast).toList();
    }

    private List<StackHistoryKind> kinds(TestOutputTopic<String, SpecificRecord> topic) {
        return topic.readValuesToList().stream().map(e -> ((StackHistoryEvent) e).getKind()).toList();
    }

    private void drainAll() {
        for (String topic : driver.producedTopicNames()) {
            rawOutput(topic).readRecordsToList();
        }
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
