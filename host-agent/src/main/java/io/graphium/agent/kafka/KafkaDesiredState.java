package io.graphium.agent.kafka;

import io.graphium.agent.AgentProperties;
import io.graphium.agent.core.Desired;
import io.graphium.agent.core.DesiredStateSource;
import io.graphium.events.DesiredContainer;
import io.graphium.events.DesiredState;
import io.graphium.kafka.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Reads this host's desired state from the compacted {@code graphium.desired.containers} topic: every partition
 * from the beginning up to its end at the time of the call (no consumer group, nothing committed), keeping the
 * latest record per key {@code <hostId>/<stackId>/<containerName>} of this host; a tombstone removes the key. A
 * record that cannot be read is skipped with a warning (it must not stop the host from reconciling).
 */
@Component
public class KafkaDesiredState implements DesiredStateSource {

    private static final Logger log = LoggerFactory.getLogger(KafkaDesiredState.class);
    private static final Duration READ_DEADLINE = Duration.ofSeconds(60);

    private final ConsumerFactory<Object, Object> consumers;
    private final SecretOpener secrets;
    private final String hostId;

    public KafkaDesiredState(ConsumerFactory<Object, Object> consumers, SecretOpener secrets, AgentProperties agent) {
        this.consumers = consumers;
        this.secrets = secrets;
        this.hostId = agent.hostId();
    }

    @Override
    public List<Desired> read() {
        String prefix = hostId + "/";
        Map<String, DesiredContainer> latest = new LinkedHashMap<>();
        Instant deadline = Instant.now().plus(READ_DEADLINE);
        try (Consumer<Object, Object> consumer = consumers.createConsumer("host-agent-desired-" + hostId,
                "-desired")) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DESIRED_CONTAINERS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + Topics.DESIRED_CONTAINERS.name()
                            + " to its end within " + READ_DEADLINE.toSeconds() + " s");
                }
                for (ConsumerRecord<Object, Object> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() instanceof String key && key.startsWith(prefix)) {
                        take(latest, key, record);
                    }
                }
            }
        }
        List<Desired> desired = new ArrayList<>();
        latest.values().forEach(record -> desired.add(desired(record)));
        return desired;
    }

    private static void take(Map<String, DesiredContainer> latest, String key, ConsumerRecord<Object, Object> record) {
        if (record.value() instanceof DesiredContainer value) {
            latest.put(key, value);
        } else if (record.value() == null
                && record.headers().lastHeader(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER) == null) {
            latest.remove(key); // tombstone: the container was removed
        } else {
            log.warn("Skipping unreadable desired-state record {} at {}-{}@{}", key, record.topic(),
                    record.partition(), record.offset());
        }
    }

    private Desired desired(DesiredContainer record) {
        CommandTranslation.Deploy read = CommandTranslation.deploy(record.getCommandId(), record.getSpec(), secrets);
        return new Desired(read.ref(), record.getCommandId(), record.getState() == DesiredState.RUNNING,
                read.request(), read.rejection());
    }
}
