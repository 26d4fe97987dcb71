package io.graphium.agent;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code graphium.secrets.*}.
 *
 * @param sealingKey base64 of the 32-byte key secret environment values are sealed with (the orchestrator's key);
 *                   without it, a deploy carrying a sealed value fails with a clear message (others work)
 */
@ConfigurationProperties("graphium.secrets")
public record SecretsProperties(String sealingKey) {
}
