package io.graphium.agent.kafka;

import io.graphium.agent.AgentProperties;
import io.graphium.agent.core.ContainerRuntimeException;
import io.graphium.kafka.TransientFailure;
import io.graphium.kafka.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The agent's Kafka edge: its own command topic, and patience with a Docker daemon that does not answer. */
@Configuration(proxyBeanMethods = false)
public class AgentKafkaConfiguration {

    /** This host's own topics ({@link Topics#declaredByAgent}), created at start when missing. */
    @Bean
    KafkaAdmin.NewTopics hostTopics(AgentProperties agent) {
        return new KafkaAdmin.NewTopics(Topics.declaredByAgent(agent.hostId()).stream()
                .flatMap(topic -> topic.declarations().stream()).toArray(NewTopic[]::new));
    }

    /**
     * A command that failed because Docker did not answer is not poison: it is retried with growing pauses for as
     * long as the daemon is away, instead of going to the dead-letter topic after a few attempts.
     */
    @Bean
    TransientFailure dockerUnavailable() {
        return failure -> {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof ContainerRuntimeException runtime && runtime.unavailable()) {
                    return true;
                }
            }
            return false;
        };
    }
}
