package io.graphium.placement.kafka;

import io.graphium.events.ContainerStatusChanged;
import io.graphium.events.HostHeartbeat;
import io.graphium.events.HostRegistered;
import io.graphium.kafka.ReportSource;
import io.graphium.placement.core.PlacementEngine;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Feeds the inventory from every host's reports topic (agents' registrations and heartbeats, found by pattern; a new
 * host's topic is noticed within about a second) and the hosts topic (manual registrations). Every instance reads
 * them whole from the beginning under a group id of its own: each needs every host, not a share of them. Reports its
 * progress so requests can wait for it. A host record on a reports topic claiming another host is poison
 * ({@link ReportSource}: to the dead-letter topic with the reason); container status there is not the inventory's.
 *
 * <p>Host TTL and clock skew: a report counts as heard when this service receives it, by its own clock, so an agent's
 * clock may be off. While the listener is still replaying the topic at start-up (before its first idle event) a
 * record may be old, so it counts as heard at the earlier of its {@code occurredAt} and now: a host that died before
 * the restart is not taken for alive, and a live host is heard again with its next heartbeat.
 */
@Component
class HostInventoryListener extends ProgressReportingListener {

    private static final Logger log = LoggerFactory.getLogger(HostInventoryListener.class);

    private final PlacementEngine engine;
    private final Clock clock;
    private volatile boolean caughtUp;

    HostInventoryListener(PlacementEngine engine, InventoryProgress progress, Clock clock) {
        super(progress);
        this.engine = engine;
        this.clock = clock;
    }

    /** How soon a new host's reports topic is noticed. */
    static final String REPORT_TOPIC_DISCOVERY_MILLIS = "1000";

    @KafkaListener(id = "placement-inventory", topicPattern = "#{T(io.graphium.kafka.Topics).reportsAnd(T(io.graphium.kafka.Topics).HOSTS).pattern()}",
            groupId = "placement-inventory-${random.uuid}", properties = {"auto.offset.reset=earliest",
            "metadata.max.age.ms=" + REPORT_TOPIC_DISCOVERY_MILLIS},
            containerPostProcessor = PlacementConfiguration.INVENTORY_IDLE_EVENTS)
    void onHostRecord(ConsumerRecord<String, SpecificRecord> record) {
        SpecificRecord event = record.value();
        if (event instanceof ContainerStatusChanged) {
            applied(record);
            return;
        }
        try {
            ReportSource.verify(record.topic(), record.key(), event);
        } catch (ReportSource.ForgedReportException forged) {
            applied(record); // dead-lettered: requests need not wait for it
            throw forged;
        }
        if (event instanceof HostHeartbeat heartbeat) {
            engine.apply(InventoryMapping.report(heartbeat, receivedAt(heartbeat.getOccurredAt())));
        } else if (event instanceof HostRegistered registration) {
            engine.apply(InventoryMapping.report(registration, receivedAt(registration.getOccurredAt())));
        } else if (event == null) {
            engine.remove(record.key()); // a tombstone: the host's record was deleted
        } else {
            log.warn("ignoring {} on {}: not a host event", event.getClass().getSimpleName(), record.topic());
        }
        applied(record);
    }

    private Instant receivedAt(Instant occurredAt) {
        Instant now = clock.instant();
        return caughtUp || occurredAt.isAfter(now) ? now : occurredAt;
    }

    @Override
    public void onIdleContainer(Map<TopicPartition, Long> positions, ConsumerSeekCallback callback) {
        super.onIdleContainer(positions, callback);
        caughtUp = true;
    }
}
