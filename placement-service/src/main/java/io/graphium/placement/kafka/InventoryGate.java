package io.graphium.placement.kafka;

import io.graphium.kafka.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a request see the hosts published before it: looks up the end offsets of every host's reports topic, the
 * hosts topic and the host-admin topic and
 * waits, for a bounded time, until the inventory and admin listeners have applied up to them. Covers a fresh instance still reading the
 * inventory from the beginning (no "0 hosts" answers at start-up) and a heartbeat that raced the request.
 */
final class InventoryGate {

    private static final Logger log = LoggerFactory.getLogger(InventoryGate.class);

    /** The inventory's topics: every host's reports, manual registrations, operators' overrides. */
    static final Pattern TOPICS = Topics.reportsAnd(Topics.HOSTS, Topics.HOST_ADMIN);

    private final Admin admin;
    private final InventoryProgress progress;
    private final Duration wait;
    private volatile Set<String> known = Set.of();
    private volatile List<TopicPartition> partitions = List.of();

    InventoryGate(Admin admin, InventoryProgress progress, Duration wait) {
        this.admin = admin;
        this.progress = progress;
        this.wait = wait;
    }

    /** Returns once the inventory is current, or after the wait with a warning (then the answer may be stale). */
    void awaitCurrent() throws InterruptedException {
        long started = System.nanoTime();
        try {
            Map<TopicPartition, Long> ends = endOffsets();
            Duration left = wait.minusNanos(System.nanoTime() - started);
            if (!progress.awaitApplied(ends, left)) {
                log.warn("the host inventory has not caught up with {} after {}; answering from what it has read",
                        ends, wait);
            }
        } catch (ExecutionException | TimeoutException e) {
            log.warn("cannot read the end offsets of {}: {}; answering from the inventory as read so far",
                    TOPICS, e.getMessage());
        }
    }

    private Map<TopicPartition, Long> endOffsets()
            throws ExecutionException, TimeoutException, InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = partitions().stream()
                .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get(wait.toMillis(), TimeUnit.MILLISECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, end -> end.getValue().offset()));
    }

    /** The partitions of the inventory's topics; looked up again when a topic appeared (a new host). */
    private List<TopicPartition> partitions() throws ExecutionException, TimeoutException, InterruptedException {
        Set<String> names = admin.listTopics().names().get(wait.toMillis(), TimeUnit.MILLISECONDS).stream()
                .filter(name -> TOPICS.matcher(name).matches()).collect(Collectors.toSet());
        if (!names.equals(known)) {
            partitions = admin.describeTopics(names).allTopicNames()
                    .get(wait.toMillis(), TimeUnit.MILLISECONDS).values().stream()
                    .flatMap(topic -> topic.partitions().stream()
                            .map(partition -> new TopicPartition(topic.name(), partition.partition())))
                    .toList();
            known = names;
        }
        return partitions;
    }
}
