package io.graphium.admission;

/**
 * One thing the policy refuses.
 *
 * @param container the container's name, or null for the stack as a whole
 * @param field     the field, relative to the container, e.g. {@code image} or {@code volumeMounts[0].source}
 * @param reason    a sentence saying what is refused and why, and what the policy allows
 */
public record Violation(String container, String field, String reason) {

    @Override
    public String toString() {
        return (container == null ? "" : "container '" + container + "' ") + field + ": " + reason;
    }
}
