package io.graphium.orchestrator.core;

/**
 * A container this one needs before it starts.
 *
 * @param waitForHealthy start only once it is healthy, not merely running
 */
public record Dependency(String name, boolean waitForHealthy) {
}
