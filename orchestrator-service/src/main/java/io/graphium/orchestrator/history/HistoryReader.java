package io.graphium.orchestrator.history;

import io.graphium.events.StackHistoryEvent;
import io.graphium.kafka.KafkaConnection;
import io.graphium.kafka.Topics;
import java.time.Duration;
import java.util.List;
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
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.STACK_HISTORY.name(), Duration.ofMinutes(1))
                .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread.start();
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
