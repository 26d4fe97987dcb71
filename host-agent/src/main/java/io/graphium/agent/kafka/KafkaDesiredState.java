package io.graphium.agent.kafka;

import io.graphium.admission.Admission;
import io.graphium.agent.AgentProperties;
import io.graphium.agent.core.Desired;
import io.graphium.agent.core.DesiredStateSource;
import io.graphium.events.DesiredContainer;
import io.graphium.events.DesiredState;
import io.graphium.kafka.ReadToEnd;
import io.graphium.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Follows this host's desired state on its own compacted {@code graphium.host.desired.<hostId>} topic: a consumer of
 * its own without a consumer group (assign and seek, nothing committed, so the agent's principal needs no group
 * right for it) reads the topic from the beginning once, then, at each question, on from where it stopped up to the
 * end at the time of the question. It keeps the latest record per key {@code <stackId>/<containerName>}; a
 * tombstone removes the key. A record that cannot be read
 * is skipped with a warning (it must not stop the host from reconciling). After a failure it starts over.
 */
@Component
public class KafkaDesiredState implements DesiredStateSource, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaDesiredState.class);
    private static final Duration READ_DEADLINE = Duration.ofSeconds(60);

    private final ConsumerFactory<Object, Object> consumers;
    private final String topic;
    private final SecretOpener secrets;
    private final String hostId;
    private final Admission admission;
    private final Map<String, DesiredContainer> latest = new LinkedHashMap<>();
    private Consumer<Object, Object> consumer;

    public KafkaDesiredState(ConsumerFactory<Object, Object> consumers, SecretOpener secrets, AgentProperties agent,
                             Admission admission) {
        this.consumers = consumers;
        this.admission = admission;
        this.secrets = secrets;
        this.hostId = agent.hostId();
        this.topic = Topics.hostDesired(hostId).name();
    }

    @Override
    public synchronized List<Desired> read() {
        catchUp();
        List<Desired> desired = new ArrayList<>();
        latest.values().forEach(record -> desired.add(desired(record)));
        return desired;
    }

    @Override
    public synchronized Optional<String> latestCommandId(String stackId, String containerName) {
        catchUp();
        return Optional.ofNullable(latest.get(Topics.desiredKey(stackId, containerName)))
                .map(DesiredContainer::getCommandId);
    }

    @Override
    public synchronized void close() {
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(2));
            consumer = null;
        }
    }

    /** Reads on to the end of every partition as it is now; after a failure, the next call starts over. */
    private void catchUp() {
        try {
            if (consumer == null) {
                latest.clear();
                consumer = groupless();
                List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
            }
            readToEnd();
            if (consumer.assignment().isEmpty()) {
                close(); // no topic yet: look for it again next time
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The agent's consumer settings (security included) without a group: this reader assigns and seeks. */
    private Consumer<Object, Object> groupless() {
        Map<String, Object> settings = new java.util.HashMap<>(consumers.getConfigurationProperties());
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "host-agent-desired-" + hostId);
        return new KafkaConsumer<>(settings);
    }

    private void readToEnd() {
        ReadToEnd.now(consumer, consumer.assignment(), READ_DEADLINE, Duration.ofMillis(200), record -> {
            if (record.key() instanceof String key) {
                take(key, record);
            }
        });
    }

    private void take(String key, ConsumerRecord<Object, Object> record) {
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
        CommandTranslation.Deploy read = CommandTranslation.deploy(record.getCommandId(), record.getSpec(), secrets,
                admission);
        return new Desired(read.ref(), record.getCommandId(), record.getState() == DesiredState.RUNNING,
                read.request(), read.rejection());
    }
}
