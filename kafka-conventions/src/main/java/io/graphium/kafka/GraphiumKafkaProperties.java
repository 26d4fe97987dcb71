package io.graphium.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code graphium.kafka.*}: what a service needs beyond Spring Boot's {@code spring.kafka.*}.
 *
 * @param registryUrl      base URL of the schema registry, e.g. {@code http://127.0.0.1:8081}
 * @param retryInterval    pause between attempts to process a failing record
 * @param processingRetries attempts after the first before a failing record goes to the dead-letter topic
 */
@ConfigurationProperties("graphium.kafka")
public record GraphiumKafkaProperties(String registryUrl, Duration retryInterval, Integer processingRetries) {

    public GraphiumKafkaProperties {
        if (registryUrl == null || registryUrl.isBlank()) {
            throw new IllegalArgumentException("graphium.kafka.registry-url is not set: give the schema registry's "
                    + "base URL, e.g. http://127.0.0.1:8081");
        }
        retryInterval = retryInterval == null ? Duration.ofMillis(500) : retryInterval;
        processingRetries = processingRetries == null ? 2 : processingRetries;
    }
}
