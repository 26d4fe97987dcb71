package io.graphium.kafka;

import io.graphium.events.KeyRing;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code graphium.secrets.*}: the process's key ring ({@link KeyRing}), bound the same way in every service.
 *
 * @param keyDir     a directory of key files {@code <id>.key} (base64 of 32 bytes, owner-only), e.g. written by
 *                   {@code graphium keys new}; env {@code GRAPHIUM_SECRETS_KEY_DIR}
 * @param keys       keys given inline by id ({@code graphium.secrets.keys.<id>}, base64)
 * @param activeKey  the id of the key that seals ({@code GRAPHIUM_SECRETS_ACTIVE_KEY}); optional with one key
 * @param sealingKey the single key of earlier versions ({@code GRAPHIUM_SECRETS_SEALING_KEY}); joins the ring under
 *                   its fingerprint and seals unless {@code active-key} names another
 */
@ConfigurationProperties("graphium.secrets")
public record SecretsProperties(Path keyDir, Map<String, String> keys, String activeKey, String sealingKey) {

    public KeyRing.Config toConfig() {
        return new KeyRing.Config(sealingKey, keyDir, keys, activeKey);
    }
}
