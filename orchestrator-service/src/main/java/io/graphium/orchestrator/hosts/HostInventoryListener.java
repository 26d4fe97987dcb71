package io.graphium.orchestrator.hosts;

import io.graphium.events.HostHeartbeat;
import io.graphium.events.HostRegistered;
import io.graphium.events.HostStatusChanged;
import io.graphium.kafka.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Feeds the {@link HostInventory} from the hosts and host-admin topics. Every orchestrator instance reads both whole,
 * from the beginning, under a group id of its own: each needs every host, not a share of them. One listener thread
 * for both topics, so the view changes one event at a time.
 */
public class HostInventoryListener {

    private static final Logger log = LoggerFactory.getLogger(HostInventoryListener.class);
    private final HostInventory inventory;

    public HostInventoryListener(HostInventory inventory) {
        this.inventory = inventory;
    }

    @KafkaListener(id = "orchestrator-hosts",
            topics = {"#{T(io.graphium.kafka.Topics).HOSTS.name()}", "#{T(io.graphium.kafka.Topics).HOST_ADMIN.name()}"},
            groupId = "orchestrator-hosts-${random.uuid}", properties = "auto.offset.reset=earliest")
    void onHostRecord(ConsumerRecord<String, SpecificRecord> record) {
        SpecificRecord event = record.value();
        if (event instanceof HostHeartbeat heartbeat) {
            inventory.apply(heartbeat);
        } else if (event instanceof HostRegistered registration) {
            inventory.apply(registration);
        } else if (event instanceof HostStatusChanged change) {
            inventory.apply(change);
        } else if (event == null && record.key() != null) { // a tombstone: the key's record was deleted
            if (record.topic().equals(Topics.HOST_ADMIN.name())) {
                inventory.removeOverride(record.key());
            } else {
                inventory.removeHost(record.key());
            }
        } else {
            log.warn("ignoring {} on {}: not a host event", event == null ? "a keyless tombstone"
                    : event.getClass().getSimpleName(), record.topic());
        }
    }
}
