package io.graphium.orchestrator.history;

import io.graphium.events.StackHistoryEvent;
import io.graphium.kafka.KafkaConnection;
import io.graphium.kafka.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the whole history topic from its beginning into the {@link HistoryLog}, then follows it, on its own thread.
 * No consumer group: every orchestrator start reads everything again, so the log is complete after restarts.
 */
public class HistoryReader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HistoryReader.class);

    private static final Duration PARTITIONS_DEADLINE = Duration.ofMinutes(1);
    private static final Duration METADATA_RETRY = Duration.ofMillis(200);

    private final KafkaConsumer<String, SpecificRecord> consumer;
    private final HistoryLog history;
    private final Thread thread;
    private volatile boolean running = true;

    public HistoryReader(KafkaConnection connection, HistoryLog history) {
        this.consumer = connection.newConsumer(null);
        this.history = history;
        this.thread = new Thread(this::run, "stack-history-reader");
        this.thread.setDaemon(true);
    }

    public void start() {
        List<TopicPartition> partitions = partitions(Instant.now().plus(PARTITIONS_DEADLINE));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread.start();
    }

    /**
     * The history topic's partitions. Right after the topic is created its metadata may not have reached this
     * client yet ({@code partitionsFor} then answers an empty list), so ask again until it has, up to a deadline.
     */
    private List<TopicPartition> partitions(Instant deadline) {
        while (true) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.STACK_HISTORY.name(), PARTITIONS_DEADLINE)
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (!partitions.isEmpty()) {
                return partitions;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(Topics.STACK_HISTORY.name() + " has no partitions after "
                        + PARTITIONS_DEADLINE.toSeconds() + " s: is the topic created?");
            }
            LockSupport.parkNanos(METADATA_RETRY.toNanos()); // metadata retry back-off, not synchronization
        }
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() instanceof StackHistoryEvent event) {
                        history.append(record.partition(), record.offset(), event);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("reading {} stopped; history and event streams are no longer updated",
                    Topics.STACK_HISTORY.name(), e);
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
    }
}
