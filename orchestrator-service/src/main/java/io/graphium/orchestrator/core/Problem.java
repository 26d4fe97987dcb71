package io.graphium.orchestrator.core;

/**
 * One thing wrong with a stack definition.
 *
 * @param path    JSON path into the definition, e.g. {@code $.itemListElement[2].ports[0].hostPort}
 * @param message a plain sentence naming the field, the container and why
 */
public record Problem(String path, String message) {

    /** True when this problem is at {@code other}'s path or inside it. */
    boolean isWithin(Problem other) {
        String outer = other.path;
        return path.equals(outer) || path.startsWith(outer + ".") || path.startsWith(outer + "[");
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
