package io.graphium.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphium.kafka.test.GraphiumKafkaTest;
import io.graphium.orchestrator.OrchestratorOverKafka;
import io.graphium.orchestrator.api.EventStreamClients.SseClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A stream that has had nothing but heartbeats for {@code graphium.sse.idle-timeout} is completed. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "graphium.sse.idle-timeout=1s", "graphium.sse.max-streams=1"})
@GraphiumKafkaTest
@Timeout(value = 3, unit = TimeUnit.MINUTES) // the read below blocks until the server ends the stream
class EventStreamIdleTimeoutTest extends OrchestratorOverKafka {

    @DynamicPropertySource
    static void security(DynamicPropertyRegistry registry) {
        EventStreamClients.authentication(registry);
    }

    @Autowired
    EventStreamController controller;

    @Test
    void anIdleStreamIsCompletedAndFreesItsPlace() throws Exception {
        try (SseClient idle = SseClient.open(port, "/api/v1/stacks/quiet/events", null)) {
            assertThat(idle.events().readToEnd()).as("nothing happened to the stack").isEmpty();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> controller.openStreams() == 0);
        // With max-streams=1, opening (200) shows the place is free again; this one times out as well.
        try (SseClient next = SseClient.open(port, "/api/v1/stacks/quiet/events", null)) {
            assertThat(next.events().readToEnd()).isEmpty();
        }
    }
}
