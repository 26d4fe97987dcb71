package io.graphium.agent.kafka;

import io.graphium.events.SealedValue;
import io.graphium.events.SecretSealer;

/** Opens the sealed environment values of deploy commands with the agent's sealing key, if it has one. */
public final class SecretOpener {

    private final SecretSealer sealer;

    private SecretOpener(SecretSealer sealer) {
        this.sealer = sealer;
    }

    /** An opener for the base64 key {@code sealingKey}; null or blank gives one that refuses every sealed value. */
    public static SecretOpener of(String sealingKey) {
        return new SecretOpener(sealingKey == null || sealingKey.isBlank() ? null : SecretSealer.fromBase64(sealingKey));
    }

    public boolean hasKey() {
        return sealer != null;
    }

    /** The plain value; throws IllegalArgumentException saying why when it cannot be opened. */
    public String open(SealedValue value) {
        if (sealer == null) {
            throw new IllegalArgumentException("this agent has no sealing key (set graphium.secrets.sealing-key, "
                    + "or GRAPHIUM_SECRETS_SEALING_KEY, to the orchestrator's key)");
        }
        return sealer.open(value);
    }
}
