package io.graphium.placement.kafka;

import io.graphium.events.HostHeartbeat;
import io.graphium.events.HostRegistered;
import io.graphium.placement.core.PlacementEngine;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * Feeds the inventory from the hosts topic. Every instance reads the whole topic from the beginning under a group id
 * of its own: each needs every host, not a share of them. Reports its progress so requests can wait for it.
 */
@Component
class HostInventoryListener implements ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(HostInventoryListener.class);

    private final PlacementEngine engine;
    private final InventoryProgress progress;

    HostInventoryListener(PlacementEngine engine, InventoryProgress progress) {
        this.engine = engine;
        this.progress = progress;
    }

    @KafkaListener(id = "placement-inventory", topics = "#{T(io.graphium.kafka.Topics).HOSTS.name()}",
            groupId = "placement-inventory-${random.uuid}", properties = "auto.offset.reset=earliest",
            containerPostProcessor = PlacementConfiguration.INVENTORY_IDLE_EVENTS)
    void onHostRecord(ConsumerRecord<String, SpecificRecord> record) {
        SpecificRecord event = record.value();
        if (event instanceof HostHeartbeat heartbeat) {
            engine.apply(InventoryMapping.report(heartbeat));
        } else if (event instanceof HostRegistered registration) {
            engine.apply(InventoryMapping.report(registration));
        } else if (event == null) {
            engine.remove(record.key()); // a tombstone: the host's record was deleted
        } else {
            log.warn("ignoring {} on {}: not a host event", event.getClass().getSimpleName(), record.topic());
        }
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
