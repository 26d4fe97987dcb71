package io.graphium.orchestrator.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import io.graphium.events.ContainerState;
import io.graphium.events.StackDeployRequested;
import io.graphium.events.StackHistoryEvent;
import io.graphium.events.StackHistoryKind;
import io.graphium.events.StackStatus;
import io.graphium.events.StackStopRequested;
import io.graphium.events.StopContainer;
import io.graphium.kafka.DeadLetters;
import io.graphium.kafka.EventSerialization;
import io.graphium.kafka.Topic;
import io.graphium.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proof 5 of issue 12 on a real (in-JVM KRaft) broker and registry: a poison record on every topic the orchestrator
 * reads, and then a valid deployment that reaches RUNNING through placement and an agent played by the test.
 * <ul>
 *   <li>Inputs (stack commands, placement results, host reports, hosts, host admin): the record is in
 *       {@code <topic>.DLT} with a {@code graphium-dlt-reason} header saying why, and the partition moved on.</li>
 *   <li>Read models (status, history: global stores): the record is skipped with a WARN naming its position
 *       (a global store has no producer to dead-letter with, and these topics are the orchestrator's own output);
 *       the stack's previous status stays.</li>
 *   <li>Changelogs (restored byte for byte at start): a restarted instance starts; an unreadable state counts as
 *       none (logged), the others are restored and go on.</li>
 * </ul>
 * The orchestrator is started as an application (two contexts one after the other), so that the last test can stop it,
 * put poison everywhere while it is down, and start a fresh instance that restores from the changelogs.
 */
class PoisonRecordsTest extends OrchestratorApplications {

    private static final String STACKS_CHANGELOG = OrchestratorStreams.APPLICATION_ID + "-"
            + StackProcessor.STACKS + "-changelog";
    private static final String DEFINITIONS_CHANGELOG = OrchestratorStreams.APPLICATION_ID + "-"
            + StackProcessor.DEFINITIONS + "-changelog";
    private static final String DEADLINES_CHANGELOG = OrchestratorStreams.APPLICATION_ID + "-"
            + StackProcessor.DEADLINES + "-changelog";

    private final List<ConsumerRecord<String, byte[]>> deadLettersSeen = new ArrayList<>();
    private KafkaConsumer<String, byte[]> deadLetters;
    private Serializer<SpecificRecord> avro;

    @BeforeAll
    void startTheOrchestrator() {
        app = startOrchestrator(registry);
        // Dead letters as bytes: they are what could not be read.
        deadLetters = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "dead-letters-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.METADATA_MAX_AGE_CONFIG, 500),
                new StringDeserializer(), new ByteArrayDeserializer());
        deadLetters.subscribe(Pattern.compile(".+\\.DLT"));
        avro = EventSerialization.valueSerializer(registry);
    }

    @AfterAll
    void closeDeadLetters() {
        deadLetters.close();
    }

    @Test
    void poisonOnTheStackCommandsIsDeadLetteredWithItsReasonAndTheNextDeployRuns() throws Exception {
        Topic topic = Topics.STACK_COMMANDS;
        sendRaw(topic.name(), "c-garbage", bytes("not avro at all"));
        events.send(topic, "c-wrong-type", history("c-wrong-type"));
        sendRaw(topic.name(), "c-no-value", null);
        events.send(topic, "c-misrouted", deploy("c-elsewhere"));
        events.send(topic, null, deploy("c-keyless"));

        deployToRunning("after-commands");

        String dlt = topic.deadLetterTopic();
        assertThat(awaitDeadLetter(dlt, "c-garbage", "cannot decode the value of graphium.stack.commands"))
                .contains("not in the Confluent wire format");
        awaitDeadLetter(dlt, "c-wrong-type", "StackHistoryEvent does not belong on graphium.stack.commands");
        awaitDeadLetter(dlt, "c-no-value", "it has no value: graphium.stack.commands carries only");
        awaitDeadLetter(dlt, "c-misrouted", "its key 'c-misrouted' is not the stack id 'c-elsewhere'");
        awaitDeadLetter(dlt, null, "its key 'null' is not the stack id 'c-keyless'");
        assertThat(get("/api/v1/stacks/c-elsewhere").statusCode()).as("a misrouted deploy did nothing").isEqualTo(404);
    }

    @Test
    void poisonOnThePlacementResultsIsDeadLetteredWithItsReasonAndTheNextDeployRuns() throws Exception {
        Topic topic = Topics.PLACEMENT_RESULTS;
        sendRaw(topic.name(), "r-garbage", new byte[] {0, 0, 0, 0x7f, 0x7f, 1, 2, 3}); // an id the registry lacks
        events.send(topic, "r-wrong-type", deploy("r-wrong-type"));
        sendRaw(topic.name(), "r-no-value", null);

        deployToRunning("after-results");

        String dlt = topic.deadLetterTopic();
        awaitDeadLetter(dlt, "r-garbage", "cannot decode the value of graphium.placement.results (");
        // The dry-run listener reads this topic too, and dead-letters what it cannot read as well.
        awaitDeadLetter(dlt, "r-garbage", "cannot deserialize the value of graphium.placement.results-");
        awaitDeadLetter(dlt, "r-wrong-type", "StackDeployRequested does not belong on graphium.placement.results");
        awaitDeadLetter(dlt, "r-no-value", "it has no value: graphium.placement.results carries only");
    }

    @Test
    void poisonOnAHostsReportsAndHostTopicsIsDeadLetteredWithItsReasonAndTheNextDeployRuns() throws Exception {
        String reports = Topics.hostReports(HOST).name();
        sendRaw(reports, Topics.statusKey("p-garbage", "web"), bytes("garbage report"));
        sendRaw(reports, HOST, bytes("garbage heartbeat"));
        events.send(Topics.hostReports(HOST), Topics.statusKey("p-other", "web"), report("p-stack", "d", "web",
                HOST, ContainerState.RUNNING));
        events.send(Topics.hostReports(HOST), Topics.statusKey("p-forged", "web"), report("p-forged", "d", "web",
                "h2", ContainerState.RUNNING));
        sendRaw(Topics.HOSTS.name(), "p-host", bytes("garbage registration"));
        sendRaw(Topics.HOST_ADMIN.name(), "p-admin", bytes("garbage override"));
        sendRaw(OrchestratorStreams.APPLICATION_ID + "-" + OrchestratorTopology.REPORTS_REPARTITION + "-repartition",
                "p-unrouted", bytes("not the router's"));

        deployToRunning("after-reports");

        String dlt = Topics.hostReports(HOST).deadLetterTopic();
        awaitDeadLetter(dlt, Topics.statusKey("p-garbage", "web"), "cannot decode the value of " + reports + " (");
        awaitDeadLetter(dlt, Topics.statusKey("p-garbage", "web"), "cannot deserialize the value of " + reports);
        awaitDeadLetter(dlt, HOST, "cannot deserialize the value of " + reports); // the host inventory's
        awaitDeadLetter(dlt, Topics.statusKey("p-other", "web"), "its key 'p-other' is not the stack id 'p-stack'");
        awaitDeadLetter(dlt, Topics.statusKey("p-forged", "web"), "claims host 'h2' on the reports topic of host 'h1'");
        awaitDeadLetter(Topics.HOSTS.deadLetterTopic(), "p-host", "cannot deserialize the value of graphium.hosts");
        awaitDeadLetter(Topics.HOST_ADMIN.deadLetterTopic(), "p-admin",
                "cannot deserialize the value of graphium.hosts.admin");
        assertThat(get("/api/v1/hosts").statusCode()).isEqualTo(200);
        assertThat(logged.lines()).anySatisfy(l -> assertThat(l).contains("skipping a record on the reports "
                + "repartition topic (graphium-orchestrator-stack-reports-repartition-"));
    }

    @Test
    void poisonOnTheStatusTopicIsSkippedWithItsPositionAndThePreviousStatusStays() throws Exception {
        deployToRunning("status-kept");
        sendRaw(Topics.STACK_STATUS.name(), "status-kept", bytes("garbage status"));
        sendRaw(Topics.STACK_STATUS.name(), "s-wrong-type", avro.serialize(Topics.STACK_STATUS.name(),
                history("s-wrong-type")));

        deployToRunning("after-status");

        await().atMost(DEADLINE).until(() -> logged.lines().stream().filter(l -> l.contains(
                "skipping an unreadable record of the status topic (graphium.stack.status-")).count() >= 2);
        assertThat(get("/api/v1/stacks/status-kept").body()).contains("\"status\":\"RUNNING\"");
        assertThat(get("/api/v1/stacks/s-wrong-type").statusCode()).isEqualTo(404);
    }

    @Test
    void poisonOnTheHistoryTopicIsSkippedWithItsPositionAndHistoryGoesOn() throws Exception {
        sendRaw(Topics.STACK_HISTORY.name(), "h-garbage", bytes("garbage history"));
        events.send(Topics.STACK_HISTORY, "h-wrong-type", deploy("h-wrong-type"));
        sendRaw(Topics.STACK_HISTORY.name(), "h-no-value", null);
        sendRaw(Topics.STACK_HISTORY.name(), null, bytes("keyless garbage"));

        deployToRunning("after-history");

        await().atMost(DEADLINE).until(() -> logged.contains("skipping the record at graphium.stack.history")
                && logged.contains("it is a io.graphium.events.StackDeployRequested, not a StackHistoryEvent")
                && logged.contains("it has no value"));
        assertThat(logged.lines()).as("undecodable bytes: the deserialization handler's line")
                .anySatisfy(l -> assertThat(l).contains(LogAndContinueExceptionHandler.class.getName()));
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(get("/api/v1/stacks/after-history/history").body())
                .contains("DEPLOY_REQUESTED", "\"status\":\"RUNNING\""));
    }

    @Test
    void aFreshInstanceStartsAndWorksWithPoisonInItsChangelogsReadModelsAndInputs() throws Exception {
        deployToRunning("survivor");
        deployToRunning("clobbered");
        deployToRunning("retyped");
        app.close();
        app = null;

        // While no orchestrator runs: poison in every changelog, both read models and every input.
        sendRaw(STACKS_CHANGELOG, "clobbered", bytes("garbage state"));
        sendRaw(STACKS_CHANGELOG, "retyped", avro.serialize(STACKS_CHANGELOG, history("retyped")));
        sendRaw(STACKS_CHANGELOG, "g-never-a-stack", bytes("garbage state"));
        sendRaw(DEFINITIONS_CHANGELOG, "g-never-a-stack", bytes("garbage definition"));
        sendRaw(DEADLINES_CHANGELOG, "0000000000001/g-never-a-stack", bytes("g-never-a-stack"));
        sendRaw(DEADLINES_CHANGELOG, "garbage deadline", new byte[] {(byte) 0xff, 0});
        sendRaw(Topics.STACK_STATUS.name(), "g-status", bytes("garbage status"));
        sendRaw(Topics.STACK_HISTORY.name(), "survivor", bytes("garbage history"));
        sendRaw(Topics.STACK_COMMANDS.name(), "g-command", bytes("garbage command"));
        sendRaw(Topics.PLACEMENT_RESULTS.name(), "g-result", bytes("garbage result"));
        sendRaw(Topics.hostReports(HOST).name(), Topics.statusKey("g-report", "web"), bytes("garbage report"));

        app = startOrchestrator(registry);
        assertThat(app.getBean(OrchestratorStreams.class).isProcessing()).as("started: restored and processing")
                .isTrue();

        // Inputs that waited for it are dead-lettered by the new instance.
        awaitDeadLetter(Topics.STACK_COMMANDS.deadLetterTopic(), "g-command", "cannot decode the value of");
        awaitDeadLetter(Topics.PLACEMENT_RESULTS.deadLetterTopic(), "g-result", "cannot decode the value of");
        awaitDeadLetter(Topics.hostReports(HOST).deadLetterTopic(), Topics.statusKey("g-report", "web"),
                "cannot decode the value of");
        // A restored stack goes on: it stops when told to.
        assertThat(get("/api/v1/stacks/survivor").body()).contains("\"status\":\"RUNNING\"");
        events.send(Topics.STACK_COMMANDS, "survivor", StackStopRequested.newBuilder().setCommandId("stop-survivor")
                .setRequestedAt(Instant.now()).setStackId("survivor").build());
        events.awaitRecord(r -> r.topic().equals(Topics.hostCommands(HOST).name())
                && r.value() instanceof StopContainer stop && stop.getCommandId().contains("stop-survivor"), DEADLINE);
        // The stacks whose state was clobbered count as unknown (logged): a new deployment of each starts over.
        deployToRunning("clobbered");
        deployToRunning("retyped");
        assertThat(logged.lines()).anySatisfy(l -> assertThat(l).contains("the record of stack clobbered in store "
                + "stacks cannot be read; taken as absent")).anySatisfy(l -> assertThat(l).contains(
                "the record of stack retyped in store stacks is a StackHistoryEvent, not a StackDeploymentStatus"));
        deployToRunning("after-restart");
        assertThat(get("/api/v1/stacks/survivor/history").body()).contains("STOP_REQUESTED");
    }

    // ---- poison and its dead letters ---------------------------------------------------------------------------

    private static StackHistoryEvent history(String stackId) {
        return StackHistoryEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                .setStackId(stackId).setDeploymentId("d").setKind(StackHistoryKind.OTHER)
                .setStatus(StackStatus.PENDING).setMessage("not a command").build();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The dead letter of {@code key} on {@code deadLetterTopic} whose reason contains {@code fragment}; its reason. */
    private String awaitDeadLetter(String deadLetterTopic, String key, String fragment) {
        ConsumerRecord<String, byte[]> letter = await("a dead letter of " + key + " on " + deadLetterTopic
                + " saying '" + fragment + "'").atMost(DEADLINE).until(() -> {
                    deadLetters.poll(Duration.ofMillis(100)).forEach(deadLettersSeen::add);
                    return deadLettersSeen.stream().filter(r -> r.topic().equals(deadLetterTopic)
                            && Objects.equals(r.key(), key) && reason(r).contains(fragment)).findFirst().orElse(null);
                }, Objects::nonNull);
        return reason(letter);
    }

    private static String reason(ConsumerRecord<String, byte[]> record) {
        Header reason = record.headers().lastHeader(DeadLetters.REASON_HEADER);
        return reason == null ? "" : new String(reason.value(), StandardCharsets.UTF_8);
    }
}
