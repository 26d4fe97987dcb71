package io.graphium.orchestrator;

import io.graphium.kafka.test.GraphiumKafkaTest;
import io.graphium.kafka.test.ServiceReadinessContract;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@GraphiumKafkaTest
class OrchestratorApplicationTest extends ServiceReadinessContract {
}
