package io.graphium.orchestrator.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphium.events.PlacementStrategy;
import io.graphium.events.StackDeployRequested;
import io.graphium.events.StackDeploymentStatus;
import io.graphium.events.StackHistoryEvent;
import io.graphium.events.StackHistoryKind;
import io.graphium.events.StackStatus;
import io.graphium.kafka.EventSerialization;
import io.graphium.kafka.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The schema registry becomes unreachable for the orchestrator (a proxy in front of it is cut: connections refused)
 * just when it meets a deploy command, a status and a history entry of schemas it has not decoded yet, so it must ask
 * the registry: the deploy is retried, not dead-lettered, and runs once the registry is back; the read model and
 * the history wait for the registry instead of skipping what they could not decode meanwhile. (A proxy rather than a
 * stopped and restarted registry process: the test registry keeps its schemas in memory, and a restart would lose
 * them, which makes every record written before undecodable, a different failure.)
 */
class RegistryOutageTest extends OrchestratorApplications {

    private CuttableProxy proxy;
    private Serializer<SpecificRecord> avro;

    @BeforeAll
    void startOrchestratorBehindAProxy() {
        proxy = CuttableProxy.to(registry);
        app = startOrchestrator(proxy.url());
        avro = EventSerialization.valueSerializer(registry);
    }

    @AfterAll
    void closeProxy() {
        proxy.close();
    }

    @Test
    void aDeployWhileTheRegistryIsUnreachableIsRetriedAndRunsOnceItIsBackAndTheReadModelsMissNothing()
            throws Exception {
        // Encoded while the registry answers (the test's own clients reach it directly).
        StackDeployRequested command = deploy("outage");
        byte[] deploy = avro.serialize(Topics.STACK_COMMANDS.name(), command);
        byte[] status = avro.serialize(Topics.STACK_STATUS.name(), status("outage-status"));
        byte[] history = avro.serialize(Topics.STACK_HISTORY.name(), history("outage-history"));

        proxy.cut();
        sendRaw(Topics.STACK_COMMANDS.name(), "outage", deploy);
        sendRaw(Topics.STACK_STATUS.name(), "outage-status", status);
        sendRaw(Topics.STACK_HISTORY.name(), "outage-history", history);
        // Both tried, and tried again (the one global thread reads the status before the history record).
        await().atMost(DEADLINE).until(() -> logged.lines().stream().filter(l -> l.contains("transient failure"))
                .count() >= 2 && logged.contains("cannot decode a record of " + Topics.STACK_STATUS.name() + " now"));
        proxy.restore();

        playUntilRunning(command);
        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(get("/api/v1/stacks/outage-status").body()).contains("\"status\":\"RUNNING\"");
            assertThat(get("/api/v1/stacks/outage-history/history").body()).contains("written during the outage");
        });
        assertThat(deadLetters(Topics.STACK_COMMANDS.deadLetterTopic())).as("nothing dead-lettered").isZero();
        assertThat(logged.lines()).noneMatch(l -> l.contains("skipping"));
    }

    private static StackDeploymentStatus status(String stackId) {
        Instant now = Instant.now();
        return StackDeploymentStatus.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(now)
                .setStackId(stackId).setDeploymentId(stackId + "-1").setStackName("one").setVersion(3)
                .setStatus(StackStatus.RUNNING).setStrategy(PlacementStrategy.AUTO).setRequestedAt(now).build();
    }

    private static StackHistoryEvent history(String stackId) {
        return StackHistoryEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                .setStackId(stackId).setDeploymentId(stackId + "-1").setKind(StackHistoryKind.OTHER)
                .setStatus(StackStatus.RUNNING).setMessage("written during the outage").build();
    }

    /** How many records {@code topic} holds. */
    private long deadLetters(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
