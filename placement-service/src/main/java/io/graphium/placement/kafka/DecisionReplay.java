package io.graphium.placement.kafka;

import io.graphium.events.ContainerPlacement;
import io.graphium.events.PlacementDecided;
import io.graphium.events.PlacementFailed;
import io.graphium.events.PlacementRequested;
import io.graphium.kafka.ReadToEnd;
import io.graphium.kafka.Topics;
import io.graphium.placement.core.model.ContainerDemand;
import io.graphium.placement.core.model.ContainerKey;
import io.graphium.placement.core.model.PendingDecision;
import io.graphium.placement.core.model.PlacementRequest;
import io.graphium.placement.core.model.PortMapping;
import io.graphium.placement.core.model.Resources;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * Reads back the recent past of the placement topics, for the instance that becomes the active placer (at start-up
 * or after a rebalance): the decisions still within the reservation TTL, so their reservations stand again, and the
 * answers given, so a redelivered request gets the same answer after a restart too.
 *
 * <p>Decisions carry hosts and ports but not resources, so the requests they answer are read as well (from a little
 * further back); a decision whose request is no longer found reserves the default.
 */
final class DecisionReplay {

    /** How much earlier than the oldest decision of interest its request may have been published. */
    static final Duration REQUEST_LEAD = Duration.ofMinutes(5);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration READ_DEADLINE = Duration.ofSeconds(60);

    private final ConsumerFactory<String, Object> consumers;
    private final Duration reservationTtl;

    DecisionReplay(ConsumerFactory<String, Object> consumers, Duration reservationTtl) {
        this.consumers = consumers;
        this.reservationTtl = reservationTtl;
    }

    /** What the results topic says was decided and answered within the reservation TTL before {@code now}. */
    Replayed read(Instant now) {
        Instant since = now.minus(reservationTtl);
        Map<String, PlacementRequest> requests = new HashMap<>();
        readSince(Topics.PLACEMENT_REQUESTS.name(), since.minus(REQUEST_LEAD), record -> {
            if (record.value() instanceof PlacementRequested request) {
                requests.put(request.getCommandId(), RequestMapping.request(request));
            }
        });
        List<PendingDecision> pending = new ArrayList<>();
        Map<String, SpecificRecord> answers = new LinkedHashMap<>();
        readSince(Topics.PLACEMENT_RESULTS.name(), since, record -> {
            if (record.value() instanceof PlacementDecided decided) {
                remember(answers, decided.getCausationId(), decided);
                if (!decided.getDryRun()) {
                    pending.addAll(pendingOf(decided, requests.get(decided.getCausationId())));
                }
            } else if (record.value() instanceof PlacementFailed failed) {
                remember(answers, failed.getCausationId(), failed);
            }
        });
        return new Replayed(pending, answers);
    }

    private static List<PendingDecision> pendingOf(PlacementDecided decided, PlacementRequest request) {
        Map<String, Resources> resources = request == null ? Map.of() : request.containers().stream()
                .collect(Collectors.toMap(ContainerDemand::name, ContainerDemand::reservation, (a, b) -> a));
        List<PendingDecision> pending = new ArrayList<>();
        for (ContainerPlacement placement : decided.getPlacements()) {
            pending.add(new PendingDecision(
                    new ContainerKey(decided.getStackId(), decided.getDeploymentId(), placement.getContainerName()),
                    placement.getHostId(),
                    resources.getOrDefault(placement.getContainerName(), Resources.DEFAULT_RESERVATION),
                    placement.getPorts().stream().map(RequestMapping::port)
                            .filter(PortMapping::isPublished).map(PortMapping::hostSide).toList(),
                    decided.getOccurredAt()));
        }
        return pending;
    }

    private static void remember(Map<String, SpecificRecord> answers, String commandId, SpecificRecord answer) {
        if (commandId != null) {
            answers.put(commandId, answer);
        }
    }

    /** Every record of {@code topic} from {@code since} (by record timestamp) up to the end as of now. */
    private void readSince(String topic, Instant since, Consumer<ConsumerRecord<String, Object>> action) {
        try (org.apache.kafka.clients.consumer.Consumer<String, Object> consumer =
                     consumers.createConsumer("placement-replay-" + UUID.randomUUID(), null)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(partition -> query.put(partition, since.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query);
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp start = starts.get(partition);
                consumer.seek(partition, start == null ? ends.get(partition) : start.offset());
            }
            ReadToEnd.upTo(consumer, ends, READ_DEADLINE, POLL, record -> {
                if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                    action.accept(record);
                }
            });
        }
    }

    /**
     * @param pending reservations of the decisions read, in no particular order
     * @param answers the answers read, by the command id of the request they answer
     */
    record Replayed(List<PendingDecision> pending, Map<String, SpecificRecord> answers) {
    }
}
