package io.graphium.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.kafka.Topics;
import io.graphium.kafka.test.GraphiumKafkaTest;
import io.graphium.kafka.test.ServiceReadinessContract;
import java.util.List;
import org.apache.kafka.clients.admin.AdminClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaAdmin;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@GraphiumKafkaTest
class HostAgentApplicationTest extends ServiceReadinessContract {

    @Autowired
    AgentProperties agent;
    @Autowired
    KafkaAdmin kafka;

    /** An agent declares its own host's command and reports topics (with their DLTs), never a shared one. */
    @Override
    protected List<String> declaredTopics() {
        return names(List.of(Topics.hostCommands(agent.hostId()), Topics.hostReports(agent.hostId())));
    }

    @Test
    void declaresNoSharedTopic() throws Exception {
        try (AdminClient admin = AdminClient.create(kafka.getConfigurationProperties())) {
            assertThat(admin.listTopics().names().get()).doesNotContainAnyElementsOf(names(Topics.SHARED));
        }
    }
}
