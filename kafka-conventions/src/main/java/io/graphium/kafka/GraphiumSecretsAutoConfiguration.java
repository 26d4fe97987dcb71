package io.graphium.kafka;

import io.graphium.events.KeyRing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Every service's {@link KeyRing}, from {@code graphium.secrets.*}; a wrong key file stops the start, naming it. */
@AutoConfiguration
@EnableConfigurationProperties(SecretsProperties.class)
public class GraphiumSecretsAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(GraphiumSecretsAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    KeyRing keyRing(SecretsProperties properties) {
        KeyRing ring = KeyRing.load(properties.toConfig());
        log.info("Secrets: {}", ring.isEmpty() ? "no keys configured (graphium.secrets.key-dir or sealing-key)"
                : ring); // ids only, never key material
        return ring;
    }
}
