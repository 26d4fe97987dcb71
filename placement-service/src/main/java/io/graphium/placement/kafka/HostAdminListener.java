package io.graphium.placement.kafka;

import io.graphium.events.HostStatusChanged;
import io.graphium.placement.core.PlacementEngine;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Applies operators' host status overrides ({@code graphium.hosts.admin}, compacted, keyed by host id): MAINTENANCE
 * or OFFLINE keeps a host out of placements whatever its agent reports; ACTIVE (or a tombstone) lifts the override.
 * Like the inventory, every instance reads the whole topic from the beginning, and reports its progress so that
 * requests wait for it too.
 */
@Component
class HostAdminListener extends ProgressReportingListener {

    private static final Logger log = LoggerFactory.getLogger(HostAdminListener.class);

    private final PlacementEngine engine;

    HostAdminListener(PlacementEngine engine, InventoryProgress progress) {
        super(progress);
        this.engine = engine;
    }

    @KafkaListener(id = "placement-host-admin", topics = "#{T(io.graphium.kafka.Topics).HOST_ADMIN.name()}",
            groupId = "placement-host-admin-${random.uuid}", properties = "auto.offset.reset=earliest",
            containerPostProcessor = PlacementConfiguration.INVENTORY_IDLE_EVENTS)
    void onAdminRecord(ConsumerRecord<String, SpecificRecord> record) {
        SpecificRecord event = record.value();
        if (event instanceof HostStatusChanged change) {
            engine.setOperatorStatus(change.getHostId(), InventoryMapping.status(change.getStatus()));
            log.info("host {} set to {} by {}: {}", change.getHostId(), change.getStatus(), change.getChangedBy(),
                    change.getReason());
        } else if (event == null) {
            engine.setOperatorStatus(record.key(), null); // a tombstone: no override any more
        } else {
            log.warn("ignoring {} on {}: not a host status change", event.getClass().getSimpleName(), record.topic());
        }
        applied(record);
    }
}
