package io.graphium.agent.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.agent.core.ContainerRuntimeException;
import io.graphium.agent.core.ContainerRuntimeException.Kind;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.util.backoff.BackOffExecution;

class AgentKafkaConfigurationTest {

    final ConsumerRecord<String, Object> record = new ConsumerRecord<>("graphium.host.h1.commands", 0, 7, "h1", null);

    @Test
    void commandFailedBecauseDockerIsAwayIsRetriedWithoutEnd() {
        Exception failure = new ListenerExecutionFailedException("listener failed",
                new ContainerRuntimeException(Kind.UNAVAILABLE, "the Docker daemon did not answer"));

        BackOffExecution backOff = AgentKafkaConfiguration.backOffFor(record, failure).start();

        long last = 0;
        for (int attempt = 0; attempt < 50; attempt++) {
            last = backOff.nextBackOff();
            assertThat(last).isNotEqualTo(BackOffExecution.STOP);
        }
        assertThat(last).isEqualTo(30_000);
    }

    @Test
    void otherFailuresKeepTheDeadLetterPolicy() {
        assertThat(AgentKafkaConfiguration.backOffFor(record, new IllegalStateException("bug"))).isNull();
        assertThat(AgentKafkaConfiguration.backOffFor(record, new ListenerExecutionFailedException("x",
                new ContainerRuntimeException(Kind.FAILED, "refused")))).isNull();
    }
}
