package io.graphium.orchestrator.kafka;

import io.graphium.events.StackDeployRequested;
import io.graphium.events.StackDeploymentStatus;
import io.graphium.kafka.KafkaConnection;
import io.graphium.kafka.Topic;
import io.graphium.kafka.Topics;
import io.graphium.orchestrator.core.StackDefinition;
import io.graphium.orchestrator.core.lifecycle.StackDeployment;
import io.graphium.orchestrator.core.lifecycle.StackLifecycle.DeployOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator's view of every stack, kept in memory and durable in two compacted topics it writes itself:
 * {@link Topics#STACK_STATUS} (the deployment's state) and {@link Topics#STACK_DEFINITIONS} (the definition it was
 * deployed from). At start-up both are read from the beginning, before any listener runs, so a restarted orchestrator
 * (even after kill -9) goes on exactly where the topics say it was. One orchestrator instance owns all stacks.
 */
public class DeploymentStore {

    private static final Logger log = LoggerFactory.getLogger(DeploymentStore.class);
    private static final Duration RESTORE_DEADLINE = Duration.ofMinutes(2);

    /**
     * A stack's deployment, the definition it came from (null for a definition that could not be read) and the
     * deploy request's options.
     */
    public record Entry(StackDeployment deployment, StackDefinition definition, DeployOptions options) {
    }

    private final Map<String, Entry> stacks = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final List<Consumer<StackDeployment>> listeners = new CopyOnWriteArrayList<>();

    /** {@code listener} sees every new state of every stack (after it is durable), on the writer's thread. */
    public void onChange(Consumer<StackDeployment> listener) {
        listeners.add(listener);
    }

    public Optional<Entry> get(String stackId) {
        return Optional.ofNullable(stacks.get(stackId));
    }

    public Collection<Entry> all() {
        return List.copyOf(stacks.values());
    }

    /** Held while one input for the stack is applied: inputs of one stack arrive on several listener threads. */
    public Object lockFor(String stackId) {
        return locks.computeIfAbsent(stackId, id -> new Object());
    }

    void put(String stackId, StackDeployment deployment, StackDefinition definition, DeployOptions options) {
        stacks.put(stackId, new Entry(deployment, definition, options));
        listeners.forEach(l -> l.accept(deployment));
    }

    /** The stack was removed (its topics' records tombstoned): it is unknown from now on. */
    void remove(String stackId) {
        stacks.remove(stackId);
    }

    /** The options of a deploy command as the lifecycle takes them. */
    static DeployOptions options(StackDeployRequested command) {
        return new DeployOptions(command.getRollbackOnFailure(), Duration.ofMillis(command.getDeadlineMillis()));
    }

    /** Reads both compacted topics to their end; afterwards the store holds the latest state of every stack. */
    public void restore(KafkaConnection connection, AvroMapping mapping) {
        long started = System.nanoTime();
        Map<String, StackDeployRequested> definitions = new ConcurrentHashMap<>();
        Map<String, StackDeploymentStatus> statuses = new ConcurrentHashMap<>();
        readToEnd(connection, Topics.STACK_DEFINITIONS, (key, value) -> {
            if (value == null) {
                definitions.remove(key);
            } else {
                definitions.put(key, (StackDeployRequested) value);
            }
        });
        readToEnd(connection, Topics.STACK_STATUS, (key, value) -> {
            if (value == null) {
                statuses.remove(key);
            } else {
                statuses.merge(key, (StackDeploymentStatus) value,
                        (a, b) -> b.getVersion() >= a.getVersion() ? b : a);
            }
        });
        statuses.forEach((stackId, status) -> {
            StackDeployRequested accepted = definitions.get(stackId);
            boolean same = accepted != null && accepted.getCommandId().equals(status.getDeploymentId());
            StackDefinition definition = same ? mapping.definition(accepted.getDefinition()) : null;
            stacks.put(stackId, new Entry(AvroMapping.deployment(status), definition,
                    same ? options(accepted) : DeployOptions.DEFAULTS));
        });
        log.info("restored {} stack(s) from {} and {} in {} ms", stacks.size(), Topics.STACK_STATUS.name(),
                Topics.STACK_DEFINITIONS.name(), (System.nanoTime() - started) / 1_000_000);
    }

    private interface RecordSink {
        void accept(String key, SpecificRecord value);
    }

    private static void readToEnd(KafkaConnection connection, Topic topic, RecordSink sink) {
        try (KafkaConsumer<String, SpecificRecord> consumer = connection.newConsumer(null)) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic.name(), RESTORE_DEADLINE);
            List<TopicPartition> assigned = new ArrayList<>();
            partitions.forEach(p -> assigned.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, RESTORE_DEADLINE);
            long deadline = System.nanoTime() + RESTORE_DEADLINE.toNanos();
            while (assigned.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic.name() + " to its end within "
                            + RESTORE_DEADLINE);
                }
                for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(200))) {
                    sink.accept(record.key(), record.value());
                }
            }
        }
    }
}
