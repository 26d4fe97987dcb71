package io.graphium.placement.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the inventory listener has applied the hosts topic: per partition, the next offset it will apply. The
 * request listener waits on it so that every host record published before a request is in the inventory when the
 * request is answered.
 */
final class InventoryProgress {

    private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();

    /** Partitions assigned, with the consumer's positions. */
    synchronized void assigned(Map<TopicPartition, Long> positions) {
        nextOffsets.putAll(positions);
        notifyAll();
    }

    synchronized void revoked(Collection<TopicPartition> partitions) {
        partitions.forEach(nextOffsets::remove);
    }

    /** The record at {@code offset} was applied. */
    synchronized void applied(TopicPartition partition, long offset) {
        nextOffsets.merge(partition, offset + 1, Math::max);
        notifyAll();
    }

    /** The consumer is idle at these positions: everything before them was applied (covers offset gaps). */
    synchronized void idleAt(Map<TopicPartition, Long> positions) {
        positions.forEach((partition, position) -> nextOffsets.merge(partition, position, Math::max));
        notifyAll();
    }

    /** Waits until every partition of {@code endOffsets} is applied up to its end; false on timeout. */
    synchronized boolean awaitApplied(Map<TopicPartition, Long> endOffsets, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!applied(endOffsets)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    private boolean applied(Map<TopicPartition, Long> endOffsets) {
        return endOffsets.entrySet().stream()
                .allMatch(end -> nextOffsets.getOrDefault(end.getKey(), -1L) >= end.getValue());
    }
}
