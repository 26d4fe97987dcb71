package io.graphium.agent.kafka;

import io.graphium.agent.AgentProperties;
import io.graphium.agent.core.ContainerRuntimeException;
import io.graphium.kafka.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/** The agent's Kafka edge: its own command topic, and patience with a Docker daemon that does not answer. */
@Configuration(proxyBeanMethods = false)
public class AgentKafkaConfiguration {

    /** This host's command topic (and its dead-letter topic), created at start when missing. */
    @Bean
    KafkaAdmin.NewTopics hostCommandTopic(AgentProperties agent) {
        return new KafkaAdmin.NewTopics(Topics.hostCommands(agent.hostId()).declarations().toArray(NewTopic[]::new));
    }

    /**
     * A command that failed because Docker did not answer is not poison: it is retried with a growing pause (up to
     * 30 s) for as long as the daemon is away, instead of going to the dead-letter topic after a few attempts.
     */
    @Bean
    static BeanPostProcessor retryCommandsWhileDockerIsAway() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DefaultErrorHandler handler) {
                    handler.setBackOffFunction(AgentKafkaConfiguration::backOffFor);
                }
                return bean;
            }
        };
    }

    /** The back-off for a failed record: unbounded when Docker was unavailable, else the handler's default (null). */
    static BackOff backOffFor(ConsumerRecord<?, ?> record, Exception failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ContainerRuntimeException runtime && runtime.unavailable()) {
                ExponentialBackOff backOff = new ExponentialBackOff(1_000, 2.0);
                backOff.setMaxInterval(30_000);
                return backOff;
            }
        }
        return null;
    }
}
