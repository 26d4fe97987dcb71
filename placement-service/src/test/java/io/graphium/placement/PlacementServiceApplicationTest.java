package io.graphium.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.infra.RequiresInfra;
import io.graphium.infra.SchemaRegistryProcess;
import io.graphium.kafka.Topics;
import org.apache.kafka.clients.admin.AdminClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/** The service starts against a real broker and registry, declares its topics and reports itself ready. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}")
@EmbeddedKafka(partitions = 1)
@DirtiesContext
@RequiresInfra(RequiresInfra.Capability.JAVA_PROCESSES)
class PlacementServiceApplicationTest {

    @DynamicPropertySource
    static void registry(DynamicPropertyRegistry properties) {
        properties.add("graphium.kafka.registry-url", () -> SchemaRegistryProcess.shared().url());
    }

    @LocalManagementPort
    int port;
    @Autowired
    KafkaAdmin kafkaAdmin;

    @Test
    void startsReadyWithItsTopicsDeclared() throws Exception {
        String readiness = RestClient.create().get().uri("http://127.0.0.1:" + port + "/actuator/health/readiness")
                .retrieve().body(String.class);
        assertThat(readiness).contains("\"status\":\"UP\"");
        try (AdminClient admin = AdminClient.create(kafkaAdmin.getConfigurationProperties())) {
            assertThat(admin.listTopics().names().get())
                    .contains(Topics.STACK_COMMANDS.name(), Topics.STACK_COMMANDS.deadLetterTopic(),
                            Topics.STACK_STATUS.name());
        }
    }
}
