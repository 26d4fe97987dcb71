package io.graphium.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.graphium.events.HostHeartbeat;
import io.graphium.infra.RequiresInfra;
import io.graphium.infra.SchemaRegistryProcess;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Acceptance: the registry enforces BACKWARD compatibility on our schemas, and a consumer built with the old schema
 * reads records written with a newer, compatible one.
 */
@EmbeddedKafka(partitions = 1)
@RequiresInfra(RequiresInfra.Capability.JAVA_PROCESSES)
class SchemaEvolutionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void registryRejectsIncompatibleChangeAndOldConsumerReadsNewRecords(EmbeddedKafkaBroker broker) throws Exception {
        SchemaRegistryProcess registry = SchemaRegistryProcess.shared();
        String topic = Topics.HOSTS.name() + ".evolution." + UUID.randomUUID();
        broker.addTopics(topic);
        HostHeartbeat original = (HostHeartbeat) EventFixtures.all().stream()
                .filter(s -> s.event() instanceof HostHeartbeat).findFirst().orElseThrow().event();

        // An old producer registers version 1 by publishing.
        try (KafkaProducer<String, SpecificRecord> producer =
                     KafkaClientSettings.newProducer(broker.getBrokersAsString(), registry.url())) {
            producer.send(new ProducerRecord<>(topic, "host1", original)).get();
        }
        String versions = registry.apicurioApiUrl() + "/groups/" + HostHeartbeat.SCHEMA$.getNamespace()
                + "/artifacts/" + HostHeartbeat.SCHEMA$.getName() + "/versions";

        HttpResponse<String> incompatible = post(versions, withField(HostHeartbeat.SCHEMA$, "rack", null));
        assertThat(incompatible.statusCode()).as("a new required field without default: %s", incompatible.body())
                .isEqualTo(409);
        assertThat(incompatible.body()).containsIgnoringCase("compatib");

        Schema newer = new Schema.Parser().parse(withField(HostHeartbeat.SCHEMA$, "rack", "unknown"));
        HttpResponse<String> compatible = post(versions, newer.toString());
        assertThat(compatible.statusCode()).as("a new field with a default: %s", compatible.body()).isEqualTo(200);

        // A new producer writes with the newer schema...
        GenericRecord upgraded = upgrade(original, newer);
        upgraded.put("rack", "r42");
        Map<String, Object> settings = KafkaClientSettings.producerSettings(registry.url());
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(settings)) {
            producer.send(new ProducerRecord<>(topic, "host1", upgraded)).get();
        }

        // ...and a consumer compiled against the old schema reads both records.
        try (KafkaConsumer<String, SpecificRecord> consumer = KafkaClientSettings.newConsumer(
                broker.getBrokersAsString(), registry.url(), "old-reader-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, SpecificRecord>> read = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
            while (read.size() < 2 && System.nanoTime() < deadline) {
                consumer.poll(java.time.Duration.ofMillis(200)).forEach(read::add);
            }
            assertThat(read).hasSize(2);
            assertThat(read).allSatisfy(r -> assertThat(r.value()).isEqualTo(original));
        }
    }

    private HttpResponse<String> post(String url, String schema) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(schema)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code schema} with one more string field; {@code defaultValue} null means "required, no default". */
    private static String withField(Schema schema, String name, String defaultValue) throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree(schema.toString());
        ObjectNode field = ((ArrayNode) json.get("fields")).addObject().put("name", name).put("type", "string");
        if (defaultValue != null) {
            field.put("default", defaultValue);
        }
        return JSON.writeValueAsString(json);
    }

    /** Reads {@code record}'s bytes with {@code newer}, as a producer on the new schema would hold it. */
    private static GenericRecord upgrade(SpecificRecord record, Schema newer) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return new GenericDatumReader<GenericRecord>(record.getSchema(), newer)
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
    }
}
