package io.graphium.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code graphium.kafka.*}: what a service needs beyond Spring Boot's {@code spring.kafka.*}.
 *
 * @param registryUrl      base URL of the schema registry, e.g. {@code http://127.0.0.1:8081}
 * @param retryInterval    pause between attempts to process a failing record
 * @param processingRetries attempts after the first before a failing record goes to the dead-letter topic
 * @param registry         credentials and trust for the registry ({@code graphium.kafka.registry.username},
 *                         {@code .password}, {@code .trust-store-location}, {@code .trust-store-password},
 *                         {@code .trust-store-type}); all optional
 */
@ConfigurationProperties("graphium.kafka")
public record GraphiumKafkaProperties(String registryUrl, Duration retryInterval, Integer processingRetries,
                                      Registry registry) {

    /** {@code graphium.kafka.registry.*}: how to authenticate to the registry and whom to trust. */
    public record Registry(String username, String password, String trustStoreLocation, String trustStorePassword,
                           String trustStoreType) {
        @Override
        public String toString() {
            return "Registry[username=" + username + ", password=(hidden), trustStoreLocation=" + trustStoreLocation
                    + "]";
        }
    }

    /** The registry client every serde and the registrar use. */
    public RegistryClient registryClient() {
        return registry == null ? RegistryClient.at(registryUrl) : new RegistryClient(registryUrl,
                registry.username(), registry.password(), registry.trustStoreLocation(),
                registry.trustStorePassword(), registry.trustStoreType());
    }

    public GraphiumKafkaProperties {
        if (registryUrl == null || registryUrl.isBlank()) {
            throw new IllegalArgumentException("graphium.kafka.registry-url is not set: give the schema registry's "
                    + "base URL, e.g. http://127.0.0.1:8081");
        }
        retryInterval = retryInterval == null ? Duration.ofMillis(500) : retryInterval;
        processingRetries = processingRetries == null ? 2 : processingRetries;
    }
}
