package io.graphium.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.graphium.infra.RequiresInfra;
import io.graphium.infra.SchemaRegistryProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Acceptance: every event type round-trips through a real broker with the registry-backed serializer, in the
 * Confluent wire format, and the registry's Confluent API serves the schema by the id found in the bytes.
 */
@EmbeddedKafka(partitions = 1)
@RequiresInfra(RequiresInfra.Capability.JAVA_PROCESSES)
class EventRoundTripTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fixturesCoverEveryEventTypeOfEveryTopic() {
        Set<Class<?>> declared = new HashSet<>();
        Stream.concat(Topics.SHARED.stream(), Topics.perHost("any").stream())
                .forEach(t -> declared.addAll(t.valueTypes()));
        Set<Class<?>> covered = new HashSet<>();
        EventFixtures.all().forEach(s -> covered.add(s.event().getClass()));
        assertThat(covered).containsExactlyInAnyOrderElementsOf(declared);
        EventFixtures.all().forEach(s -> assertThat(s.topic().carries(s.event()))
                .as("%s travels on %s", s.event().getClass().getSimpleName(), s.topic().name()).isTrue());
    }

    @Test
    void everyEventRoundTripsInTheConfluentWireFormat(EmbeddedKafkaBroker broker) throws Exception {
        long t0 = System.nanoTime();
        SchemaRegistryProcess registry = SchemaRegistryProcess.shared();
        System.out.printf("registry ready after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        String run = UUID.randomUUID().toString();
        List<EventFixtures.Sample> samples = EventFixtures.all();
        // One fresh topic per sample keeps the test independent of other tests' records.
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            topics.add(samples.get(i).topic().name() + "." + run + "." + i);
        }
        broker.addTopics(topics.toArray(String[]::new));

        try (KafkaProducer<String, SpecificRecord> producer =
                     KafkaClientSettings.newProducer(broker.getBrokersAsString(), registry.url())) {
            for (int i = 0; i < samples.size(); i++) {
                producer.send(new ProducerRecord<>(topics.get(i), samples.get(i).key(), samples.get(i).event())).get();
            }
        }

        System.out.printf("produced after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        try (KafkaConsumer<String, SpecificRecord> typed =
                     KafkaClientSettings.newConsumer(broker.getBrokersAsString(), registry.url(), "typed-" + run);
             KafkaConsumer<String, byte[]> raw = rawConsumer(broker, "raw-" + run)) {
            Map<String, ConsumerRecord<String, SpecificRecord>> decoded = readOnePerTopic(typed, topics);
            System.out.printf("typed read after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            Map<String, ConsumerRecord<String, byte[]>> bytes = readOnePerTopic(raw, topics);
            System.out.printf("raw read after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < samples.size(); i++) {
                SpecificRecord expected = samples.get(i).event();
                String name = expected.getClass().getSimpleName();
                assertThat(decoded.get(topics.get(i)).value()).as(name).isEqualTo(expected);
                assertThat(decoded.get(topics.get(i)).key()).isEqualTo(samples.get(i).key());
                assertThat(decoded.get(topics.get(i)).headers().toArray()).as("nothing in headers").isEmpty();

                ByteBuffer wire = ByteBuffer.wrap(bytes.get(topics.get(i)).value());
                assertThat(wire.get()).as("%s magic byte", name).isEqualTo((byte) 0);
                int schemaId = wire.getInt();
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(registry.confluentApiUrl() + "/schemas/ids/" + schemaId)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as("%s schema id %d via ccompat", name, schemaId).isEqualTo(200);
                JsonNode body = JSON.readTree(response.body());
                assertThat(new Schema.Parser().parse(body.get("schema").asText()))
                        .as("%s schema served by the registry", name).isEqualTo(expected.getSchema());
            }
        }
    }

    private static KafkaConsumer<String, byte[]> rawConsumer(EmbeddedKafkaBroker broker, String group) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Polls until every topic delivered its one record, or fails after a deadline. */
    static <V> Map<String, ConsumerRecord<String, V>> readOnePerTopic(KafkaConsumer<String, V> consumer,
                                                                       List<String> topics) {
        consumer.subscribe(topics);
        Map<String, ConsumerRecord<String, V>> found = new java.util.HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (found.size() < topics.size() && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(r -> found.putIfAbsent(r.topic(), r));
        }
        assertThat(found.keySet()).as("one record from each topic within 30 s").containsExactlyInAnyOrderElementsOf(topics);
        return found;
    }
}
