package io.graphium.agent.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.agent.core.ContainerRuntimeException;
import io.graphium.agent.core.ContainerRuntimeException.Kind;
import io.graphium.kafka.TransientFailure;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

class AgentKafkaConfigurationTest {

    private final TransientFailure dockerUnavailable = new AgentKafkaConfiguration().dockerUnavailable();

    @Test
    void aCommandThatFailedBecauseDockerIsAwayIsTransient() {
        assertThat(dockerUnavailable.matches(new ListenerExecutionFailedException("listener failed",
                new ContainerRuntimeException(Kind.UNAVAILABLE, "the Docker daemon did not answer")))).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(dockerUnavailable.matches(new IllegalStateException("bug"))).isFalse();
        assertThat(dockerUnavailable.matches(new ListenerExecutionFailedException("x",
                new ContainerRuntimeException(Kind.FAILED, "refused")))).isFalse();
    }
}
