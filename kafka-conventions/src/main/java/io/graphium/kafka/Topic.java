package io.graphium.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * A typed descriptor of one topic: its name, what its key means, which event types it carries and how it is kept.
 * Producers and consumers name topics only through these, never by string.
 *
 * @param name        topic name
 * @param keyMeaning  what the (string) key holds, e.g. "stack id"; all keys are strings
 * @param valueTypes  the Avro record types this topic carries (several commands may share a topic to keep their order)
 * @param partitions  partition count
 * @param compacted   true for "latest value per key" topics (inventory, status snapshots)
 * @param retention   how long records are kept (for compacted topics: how long a tombstone stays visible, unless
 *                    {@code expiring})
 * @param expiring    for a compacted topic: also delete whatever is older than {@code retention}
 *                    ({@code cleanup.policy=compact,delete}), so the latest record per key stays, but not forever
 */
public record Topic(String name, String keyMeaning, Set<Class<? extends SpecificRecord>> valueTypes, int partitions,
                    boolean compacted, Duration retention, boolean expiring) {

    /** A topic that is either compacted (kept per key) or deleted after {@code retention}. */
    public Topic(String name, String keyMeaning, Set<Class<? extends SpecificRecord>> valueTypes, int partitions,
                 boolean compacted, Duration retention) {
        this(name, keyMeaning, valueTypes, partitions, compacted, retention, false);
    }

    /** Suffix of the dead-letter topic that receives what a consumer of this topic could not read or process. */
    public static final String DEAD_LETTER_SUFFIX = ".DLT";

    public Topic {
        valueTypes = Set.copyOf(valueTypes);
        if (valueTypes.isEmpty()) {
            throw new IllegalArgumentException("topic " + name + " must carry at least one event type");
        }
    }

    /** True when {@code value} is one of the event types this topic carries. */
    public boolean carries(Object value) {
        return value != null && valueTypes.contains(value.getClass());
    }

    /** The dead-letter topic of this topic. */
    public String deadLetterTopic() {
        return name + DEAD_LETTER_SUFFIX;
    }

    /** The topic-level settings of this topic: cleanup policy and retention. */
    public Map<String, String> configs() {
        String millis = Long.toString(retention.toMillis());
        if (compacted && expiring) {
            return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                    TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                    TopicConfig.RETENTION_MS_CONFIG, millis);
        }
        return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                compacted ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE,
                compacted ? TopicConfig.DELETE_RETENTION_MS_CONFIG : TopicConfig.RETENTION_MS_CONFIG, millis);
    }

    /** Admin declaration of this topic and its dead-letter topic, with replication chosen by the broker. */
    public List<NewTopic> declarations() {
        NewTopic topic = new NewTopic(name, java.util.Optional.of(partitions), java.util.Optional.empty())
                .configs(configs());
        // Dead letters are kept long enough for someone to look at them and replay them.
        NewTopic deadLetters = new NewTopic(deadLetterTopic(), java.util.Optional.of(1), java.util.Optional.empty())
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofDays(30).toMillis())));
        return List.of(topic, deadLetters);
    }
}
