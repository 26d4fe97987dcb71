package io.graphium.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.kafka.test.GraphiumKafkaTest;
import io.graphium.orchestrator.OrchestratorOverKafka;
import io.graphium.orchestrator.api.EventStreamClients.SseClient;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Beyond {@code graphium.sse.max-streams} a new stream is refused with 503, Retry-After and the limit named. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "graphium.sse.max-streams=2")
@GraphiumKafkaTest
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EventStreamCapTest extends OrchestratorOverKafka {

    @DynamicPropertySource
    static void security(DynamicPropertyRegistry registry) {
        EventStreamClients.authentication(registry);
    }

    @Autowired
    EventStreamController controller;

    @Test
    void beyondTheCapANewStreamIsAnswered503WithRetryAfterAndTheLimitNamed() throws Exception {
        try (SseClient first = SseClient.open(port, "/api/v1/events", null);
             SseClient second = SseClient.open(port, "/api/v1/stacks/capped/events", null)) {
            assertThat(controller.openStreams()).isEqualTo(2);

            HttpResponse<String> refused = http.send(EventStreamClients.request(port, "/api/v1/stacks/capped/events")
                    .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofString());

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue(
                    String.valueOf(EventStreamController.RETRY_AFTER.toSeconds()));
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                    .startsWith("application/problem+json"));
            assertThat(refused.body()).contains("\"status\":503", "too many event streams",
                    "graphium.sse.max-streams", "\"maxStreams\":2");
            assertThat(controller.openStreams()).as("a refused stream takes no place").isEqualTo(2);
        }
    }
}
