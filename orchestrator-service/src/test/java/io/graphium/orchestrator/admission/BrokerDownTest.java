package io.graphium.orchestrator.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.infra.KafkaBrokerProcess;
import io.graphium.infra.RequiresInfra;
import io.graphium.kafka.test.SharedRegistryInitializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The broker goes away under a running orchestrator (a broker process of this test's own, stopped mid-test): a
 * deploy is answered 503 problem+json with Retry-After, within the bounded publish deadline, never 500.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = SharedRegistryInitializer.class)
@DirtiesContext
@RequiresInfra(RequiresInfra.Capability.JAVA_PROCESSES)
class BrokerDownTest {

    static final KafkaBrokerProcess BROKER = KafkaBrokerProcess.start();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry properties) {
        properties.add("spring.kafka.bootstrap-servers", BROKER::bootstrapServers);
    }

    @AfterAll
    static void stopBroker() {
        BROKER.close();
    }

    @Test
    void aDeployWhileTheBrokerIsDownIs503WithRetryAfter() throws Exception {
        BROKER.close();
        long started = System.nanoTime();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + port + "/api/v1/stacks")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"@type": "ItemList", "name": "down", "itemListElement": [
                          {"@type": "SoftwareApplication", "name": "web", "image": "nginx:1.27"}]}""")).build(),
                HttpResponse.BodyHandlers.ofString());
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("10");
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JsonMapper.builder().build().readTree(answer.body());
        assertThat(problem.get("detail").asString()).startsWith("Kafka or the schema registry cannot be reached now")
                .endsWith("the request was not acknowledged, try again in 10 s");
        assertThat(seconds).as("answered within the publish deadline").isLessThanOrEqualTo(20);
    }
}
