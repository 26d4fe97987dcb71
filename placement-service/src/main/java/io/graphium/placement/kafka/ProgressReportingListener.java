package io.graphium.placement.kafka;

import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.ConsumerSeekAware;

/**
 * A listener that reads a whole topic into the engine and tells {@link InventoryProgress} how far it got, so that
 * placement requests wait until the inventory has applied everything published before them.
 */
abstract class ProgressReportingListener implements ConsumerSeekAware {

    private final InventoryProgress progress;

    ProgressReportingListener(InventoryProgress progress) {
        this.progress = progress;
    }

    /** Records that {@code record} is applied. */
    void applied(ConsumerRecord<?, ?> record) {
        progress.applied(new TopicPartition(record.topic(), record.partition()), record.offset());
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> positions, ConsumerSeekCallback callback) {
        progress.assigned(positions);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        progress.revoked(partitions);
    }

    @Override
    public void onIdleContainer(Map<TopicPartition, Long> positions, ConsumerSeekCallback callback) {
        progress.idleAt(positions);
    }
}
