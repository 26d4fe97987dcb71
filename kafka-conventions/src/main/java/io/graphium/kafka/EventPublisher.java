package io.graphium.kafka;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/** Publishes events to the topics declared for them; refuses an event type a topic does not carry. */
public class EventPublisher {

    private final KafkaTemplate<String, SpecificRecord> template;

    public EventPublisher(KafkaTemplate<String, SpecificRecord> template) {
        this.template = template;
    }

    /** Sends {@code event} to {@code topic} under {@code key}; completes when the broker acknowledged it. */
    public CompletableFuture<SendResult<String, SpecificRecord>> publish(Topic topic, String key, SpecificRecord event) {
        return publish(topic, key, event, Map.of());
    }

    /** As {@link #publish(Topic, String, SpecificRecord)}, with Kafka record {@code headers}. */
    public CompletableFuture<SendResult<String, SpecificRecord>> publish(Topic topic, String key, SpecificRecord event,
                                                                         Map<String, byte[]> headers) {
        if (!topic.carries(event)) {
            throw new IllegalArgumentException("topic " + topic.name() + " does not carry "
                    + (event == null ? "null" : event.getClass().getSimpleName()) + "; it carries "
                    + topic.valueTypes().stream().map(Class::getSimpleName).sorted().toList());
        }
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a " + event.getClass().getSimpleName() + " on " + topic.name()
                    + " needs a key (" + topic.keyMeaning() + ")");
        }
        ProducerRecord<String, SpecificRecord> record = new ProducerRecord<>(topic.name(), key, event);
        headers.forEach((name, value) -> record.headers().add(name, value));
        return template.send(record);
    }
}
