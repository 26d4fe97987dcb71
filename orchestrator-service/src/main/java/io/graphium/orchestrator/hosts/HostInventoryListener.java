package io.graphium.orchestrator.hosts;

import io.graphium.events.HostHeartbeat;
import io.graphium.events.HostRegistered;
import io.graphium.events.HostStatusChanged;
import io.graphium.kafka.ReportSource;
import io.graphium.kafka.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Feeds the {@link HostInventory} from every host's reports topic (agent registrations and heartbeats), the hosts
 * topic (manual registrations) and the host-admin topic. Every orchestrator instance reads them whole, from the
 * beginning, under a group id of its own: each needs every host, not a share of them. One listener thread for all,
 * so the view changes one event at a time. A host record on a reports topic that claims another host is poison
 * ({@link ReportSource}: to the dead-letter topic with the reason).
 */
public class HostInventoryListener {

    private static final Logger log = LoggerFactory.getLogger(HostInventoryListener.class);
    private final HostInventory inventory;

    public HostInventoryListener(HostInventory inventory) {
        this.inventory = inventory;
    }

    /** The reports topics of every host, the hosts topic and the host-admin topic. */
    public static final String TOPICS = "#{T(io.graphium.kafka.Topics).reportsAnd(T(io.graphium.kafka.Topics).HOSTS,"
            + " T(io.graphium.kafka.Topics).HOST_ADMIN).pattern()}";

    @KafkaListener(id = "orchestrator-hosts", topicPattern = TOPICS,
            groupId = "orchestrator-hosts-${random.uuid}", properties = {"auto.offset.reset=earliest",
            "metadata.max.age.ms=1000"}) // a new host's reports topic is found within a second
    void onHostRecord(ConsumerRecord<String, SpecificRecord> record) {
        SpecificRecord event = record.value();
        if (event instanceof io.graphium.events.ContainerStatusChanged) {
            return; // the deployments' business (the topology, OrchestratorTopology)
        }
        ReportSource.verify(record.topic(), record.key(), event);
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
