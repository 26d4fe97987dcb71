package io.graphium.orchestrator.core;

/**
 * The value of one environment variable. Secret values are sealed before they travel and never printed.
 *
 * @param value  the text, never null (empty means "fill me in" for {@code {NAME}_HOST}-style variables)
 * @param secret true when the value must be sealed and masked
 */
public record EnvValue(String value, boolean secret) {

    public EnvValue {
        value = value == null ? "" : value;
    }

    public static EnvValue plain(String value) {
        return new EnvValue(value, false);
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    /** Masks secrets so that logging a definition never leaks them. */
    @Override
    public String toString() {
        return secret ? "EnvValue[secret]" : "EnvValue[" + value + "]";
    }
}
