package io.graphium.agent.core;

/**
 * What the agent tells about its host in a heartbeat.
 *
 * @param problem why the host is DEGRADED; null when ACTIVE
 */
public record HostReport(HostState state, HostFacts facts, HostObservation observation, String problem) {
}
