package io.graphium.agent.kafka;

import io.graphium.events.KeyRing;
import io.graphium.events.SealedValue;

/** Opens the sealed environment values of deploy commands with the agent's key ring, if it has keys. */
public final class SecretOpener {

    private final KeyRing keys;

    public SecretOpener(KeyRing keys) {
        this.keys = keys;
    }

    /** An opener for the single base64 key {@code sealingKey}; null or blank gives one that refuses every sealed value. */
    public static SecretOpener of(String sealingKey) {
        return new SecretOpener(sealingKey == null || sealingKey.isBlank() ? KeyRing.empty()
                : KeyRing.ofSingleKey(sealingKey));
    }

    public boolean hasKey() {
        return !keys.isEmpty();
    }

    /** The plain value; throws IllegalArgumentException saying why when it cannot be opened. */
    public String open(SealedValue value) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("this agent has no sealing key (set graphium.secrets.key-dir to a "
                    + "directory with the orchestrator's key files, or graphium.secrets.sealing-key, "
                    + "GRAPHIUM_SECRETS_SEALING_KEY, to the orchestrator's key)");
        }
        return keys.open(value);
    }
}
