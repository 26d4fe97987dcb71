package io.graphium.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.events.StackDeployRequested;
import io.graphium.infra.RequiresInfra;
import io.graphium.infra.SchemaRegistryProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

@RequiresInfra(RequiresInfra.Capability.JAVA_PROCESSES)
class SchemaRegistrarTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void registersEveryEventSchemaOnceAndTheSerializerFindsThem() throws Exception {
        SchemaRegistryProcess registry = SchemaRegistryProcess.shared();
        SchemaRegistrar registrar = new SchemaRegistrar(registry.url());
        registrar.afterSingletonsInstantiated();
        java.util.Map<String, String> registered = new java.util.HashMap<>();
        for (var schema : SchemaRegistrar.eventSchemas()) {
            registered.put(schema.getName(), versions(registry, schema.getNamespace(), schema.getName()));
        }

        registrar.afterSingletonsInstantiated(); // a second service starting adds no version
        StackDeployRequested event = (StackDeployRequested) EventFixtures.all().get(0).event();
        try (Serializer<SpecificRecord> serializer = EventSerialization.valueSerializer(registry.url())) {
            serializer.serialize("t", event); // finds the registered version by content
        }
        for (var schema : SchemaRegistrar.eventSchemas()) {
            assertThat(versions(registry, schema.getNamespace(), schema.getName())).as(schema.getName())
                    .isEqualTo(registered.get(schema.getName()));
        }
    }

    private String versions(SchemaRegistryProcess registry, String group, String artifact) throws Exception {
        HttpResponse<String> meta = http.send(HttpRequest.newBuilder(URI.create(registry.apicurioApiUrl()
                + "/groups/" + group + "/artifacts/" + artifact + "/versions")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(meta.statusCode()).as(meta.body()).isEqualTo(200);
        List<String> found = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"version\":\"([^\"]+)\"").matcher(meta.body());
        while (m.find()) {
            found.add(m.group(1));
        }
        return found.toString();
    }
}
