package io.graphium.kafka.test;

import static org.awaitility.Awaitility.await;

import io.graphium.kafka.KafkaClientSettings;
import io.graphium.kafka.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A test's own view of the event bus: publishes events as another service would, and waits (with a deadline) for
 * the records a service under test publishes. Everything it has read stays available to later waits.
 */
public final class TestEventClient implements AutoCloseable {

    private final KafkaConsumer<String, SpecificRecord> consumer;
    private final KafkaProducer<String, SpecificRecord> producer;
    private final List<ConsumerRecord<String, SpecificRecord>> seen = new ArrayList<>();

    private TestEventClient(KafkaConsumer<String, SpecificRecord> consumer,
                            KafkaProducer<String, SpecificRecord> producer) {
        this.consumer = consumer;
        this.producer = producer;
    }

    /** Reads {@code topics} from the beginning, in a group of its own. */
    public static TestEventClient reading(String brokers, String registry, Collection<String> topics) {
        TestEventClient client = create(brokers, registry, Map.of());
        client.consumer.subscribe(topics);
        return client;
    }

    /** Reads every topic matching {@code pattern}, noticing new ones within a second (per-host topics appear late). */
    public static TestEventClient reading(String brokers, String registry, Pattern pattern) {
        TestEventClient client = create(brokers, registry, Map.of("metadata.max.age.ms", 500));
        client.consumer.subscribe(pattern);
        return client;
    }

    private static TestEventClient create(String brokers, String registry, Map<String, Object> overrides) {
        return new TestEventClient(KafkaClientSettings.newConsumer(brokers, registry,
                "test-" + UUID.randomUUID(), overrides), KafkaClientSettings.newProducer(brokers, registry));
    }

    /** Waits until the consumer has its partitions, so what is published next is not missed or delayed. */
    public TestEventClient joined(Duration deadline) {
        await("consumer group joined").atMost(deadline).until(() -> {
            poll();
            return !consumer.assignment().isEmpty();
        });
        return this;
    }

    /** Publishes {@code event} and waits for the broker's acknowledgement. */
    public void send(Topic topic, String key, SpecificRecord event) throws ExecutionException, InterruptedException {
        producer.send(new ProducerRecord<>(topic.name(), key, event)).get();
    }

    /** The first record, read so far or until {@code deadline}, that matches. */
    public ConsumerRecord<String, SpecificRecord> awaitRecord(Predicate<ConsumerRecord<String, SpecificRecord>> match,
                                                              Duration deadline) {
        return await().atMost(deadline).until(() -> {
            poll();
            return seen.stream().filter(match).findFirst().orElse(null);
        }, Objects::nonNull);
    }

    private void poll() {
        consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
    }

    @Override
    public void close() {
        consumer.close();
        producer.close();
    }
}
