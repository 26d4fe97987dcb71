package io.graphium.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads assigned partitions on from a consumer's positions up to their end offsets: how a service catches up with a
 * topic it reads whole (a host's desired state, the recent placement decisions). Every wait has a deadline.
 */
public final class ReadToEnd {

    private ReadToEnd() {
    }

    /** Up to the end offsets of {@code partitions} as they are now (see {@link #upTo}). */
    public static <K, V> void now(Consumer<K, V> consumer, Collection<TopicPartition> partitions, Duration deadline,
                                  Duration poll, java.util.function.Consumer<ConsumerRecord<K, V>> action) {
        upTo(consumer, consumer.endOffsets(partitions), deadline, poll, action);
    }

    /**
     * Polls {@code consumer} until its position on every partition of {@code ends} has reached the offset given
     * there, handing {@code action} every record polled. Records past an end are handed on too, since the position
     * moved past them (a reader that keeps its consumer must not lose them; one that wants none filters by offset).
     *
     * @throws IllegalStateException when {@code deadline} passes first
     */
    public static <K, V> void upTo(Consumer<K, V> consumer, Map<TopicPartition, Long> ends, Duration deadline,
                                   Duration poll, java.util.function.Consumer<ConsumerRecord<K, V>> action) {
        long giveUpAt = System.nanoTime() + deadline.toNanos();
        Map<TopicPartition, Long> left = new HashMap<>(ends);
        left.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
        while (!left.isEmpty()) {
            if (System.nanoTime() - giveUpAt > 0) {
                throw new IllegalStateException("could not read " + left.keySet() + " to its end within "
                        + deadline.toSeconds() + " s");
            }
            for (ConsumerRecord<K, V> record : consumer.poll(poll)) {
                action.accept(record);
            }
            left.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
        }
    }
}
