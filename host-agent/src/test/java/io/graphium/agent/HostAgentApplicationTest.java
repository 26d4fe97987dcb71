package io.graphium.agent;

import io.graphium.kafka.test.GraphiumKafkaTest;
import io.graphium.kafka.test.ServiceReadinessContract;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@GraphiumKafkaTest
class HostAgentApplicationTest extends ServiceReadinessContract {
}
