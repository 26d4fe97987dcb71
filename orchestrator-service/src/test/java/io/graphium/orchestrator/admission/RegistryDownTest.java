package io.graphium.orchestrator.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.infra.RequiresInfra;
import io.graphium.infra.SchemaRegistryProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The schema registry goes away under a running orchestrator (a registry process of this test's own, stopped
 * before the first deploy, so the serializer has to ask it): the deploy is 503 problem+json with Retry-After.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(partitions = 1)
@TestPropertySource(properties = "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}")
@DirtiesContext
@RequiresInfra(RequiresInfra.Capability.JAVA_PROCESSES)
class RegistryDownTest {

    static final SchemaRegistryProcess REGISTRY = SchemaRegistryProcess.start();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void registry(DynamicPropertyRegistry properties) {
        properties.add("graphium.kafka.registry-url", REGISTRY::url);
    }

    @AfterAll
    static void stopRegistry() {
        REGISTRY.close();
    }

    @Test
    void aDeployWhileTheRegistryIsDownIs503WithRetryAfter() throws Exception {
        REGISTRY.close();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + port + "/api/v1/stacks")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"@type": "ItemList", "name": "no-registry", "itemListElement": [
                          {"@type": "SoftwareApplication", "name": "web", "image": "nginx:1.27"}]}""")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("10");
        JsonNode problem = JsonMapper.builder().build().readTree(answer.body());
        assertThat(problem.get("detail").asString()).startsWith("Kafka or the schema registry cannot be reached now");
    }
}
