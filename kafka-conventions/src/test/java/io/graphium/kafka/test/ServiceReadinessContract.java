package io.graphium.kafka.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.kafka.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.kafka.clients.admin.AdminClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * What every Graphium service must do on start: report ready on {@code /actuator/health/readiness} (which includes
 * Kafka) and have declared the topics it needs with their dead-letter topics: the shared ones for a service, its
 * own host's for an agent ({@link #declaredTopics()}). A service's test extends this.
 */
public abstract class ServiceReadinessContract {

    @LocalManagementPort
    int managementPort;
    @Autowired
    KafkaAdmin kafkaAdmin;

    @Test
    void startsReadyWithItsTopicsDeclared() throws Exception {
        HttpResponse<String> readiness = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"status\":\"UP\"");
        try (AdminClient admin = AdminClient.create(kafkaAdmin.getConfigurationProperties())) {
            assertThat(admin.listTopics().names().get()).containsAll(declaredTopics());
        }
    }

    /** The topics this process declares at start; by default the shared topics and their dead-letter topics. */
    protected java.util.List<String> declaredTopics() {
        return names(Topics.SHARED);
    }

    protected static java.util.List<String> names(java.util.List<io.graphium.kafka.Topic> topics) {
        return topics.stream().flatMap(t -> java.util.stream.Stream.of(t.name(), t.deadLetterTopic())).toList();
    }
}
