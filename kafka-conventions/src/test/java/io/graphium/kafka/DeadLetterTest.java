package io.graphium.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphium.events.ContainerStatusChanged;
import io.graphium.kafka.test.GraphiumKafkaTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

/**
 * Acceptance: garbage bytes, a record with an unknown schema id, a record whose processing fails and a forged report
 * (a status claiming another host than its reports topic's) all end up in the dead-letter topic with a readable
 * reason, and the consumer goes on to process the next valid record.
 */
@SpringBootTest(classes = DeadLetterTest.App.class, properties = {
        "spring.kafka.consumer.group-id=dead-letter-test",
        "graphium.kafka.retry-interval=50ms"})
@GraphiumKafkaTest
class DeadLetterTest {

    static final String POISON = "poison";
    static final Topic REPORTS = Topics.hostReports("host1");

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        final List<ContainerStatusChanged> processed = Collections.synchronizedList(new ArrayList<>());

        @org.springframework.context.annotation.Bean
        org.springframework.kafka.core.KafkaAdmin.NewTopics reportsTopic() {
            return new org.springframework.kafka.core.KafkaAdmin.NewTopics(REPORTS.declarations()
                    .toArray(org.apache.kafka.clients.admin.NewTopic[]::new));
        }

        @KafkaListener(id = "dead-letter-test-listener", topics = "graphium.host.reports.host1")
        void onStatus(ConsumerRecord<String, ContainerStatusChanged> record) {
            ReportSource.verify(record.topic(), record.key(), record.value());
            ContainerStatusChanged event = record.value();
            if (event.getContainerName().equals(POISON)) {
                throw new IllegalStateException("container " + POISON + " cannot be handled");
            }
            processed.add(event);
        }
    }

    @Autowired
    App app;
    @Autowired
    EventPublisher publisher;
    @Autowired
    EmbeddedKafkaBroker broker;

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndTheConsumerMovesOn() throws Exception {
        String topic = REPORTS.name();
        byte[] garbage = "this is not avro".getBytes(StandardCharsets.UTF_8);
        byte[] unknownSchema = ByteBuffer.allocate(9).put((byte) 0).putInt(987_654).putInt(42).array();
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringSerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(topic, "stack-1", garbage)).get();
            raw.send(new ProducerRecord<>(topic, "stack-1", unknownSchema)).get();
        }
        publisher.publish(REPORTS, "stack-1/" + POISON, EventFixtures.containerStatusChanged(POISON)).get();
        ContainerStatusChanged forged = EventFixtures.containerStatusChanged("db");
        forged.setHostId("h2");
        publisher.publish(REPORTS, "stack-1/db", forged).get();
        publisher.publish(REPORTS, "stack-1/web", EventFixtures.containerStatusChanged("web")).get();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(app.processed).extracting(ContainerStatusChanged::getContainerName).containsExactly("web"));

        List<ConsumerRecord<String, byte[]>> deadLetters = readDeadLetters(topic + Topic.DEAD_LETTER_SUFFIX, 4);
        assertThat(deadLetters.get(0).value()).as("original bytes kept").isEqualTo(garbage);
        assertThat(deadLetters.get(1).value()).isEqualTo(unknownSchema);
        // The reports topic has one partition: offsets 0..4 of it.
        String origin = topic.replace(".", "\\.") + "-\\d+@";
        assertThat(reason(deadLetters.get(0))).matches("cannot deserialize the value of " + origin + "0: .+");
        assertThat(reason(deadLetters.get(1))).matches("cannot deserialize the value of " + origin + "1: .+")
                .contains("987654");
        assertThat(reason(deadLetters.get(2))).matches("processing " + origin + "2 failed: container "
                + POISON + " cannot be handled");
        assertThat(header(deadLetters.get(2), "kafka_dlt-original-offset")).isNotNull();
        assertThat(reason(deadLetters.get(3))).matches("processing " + origin + "3 failed: ContainerStatusChanged "
                + "of container 'db' of stack 'stack-1' claims host 'h2' on the reports topic of host 'host1'");
        System.out.println("dead-letter reasons:");
        deadLetters.forEach(r -> System.out.println("  " + reason(r)));
    }

    private List<ConsumerRecord<String, byte[]>> readDeadLetters(String deadLetterTopic, int expected) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(deadLetterTopic));
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
            });
            return records;
        }
    }

    private static String reason(ConsumerRecord<String, byte[]> record) {
        return header(record, DeadLetters.REASON_HEADER);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
