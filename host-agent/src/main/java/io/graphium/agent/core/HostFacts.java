package io.graphium.agent.core;

/**
 * The capacity and software of a host, as its container runtime reports it.
 *
 * @param dockerVersion null when the runtime could not be asked
 */
public record HostFacts(int cpus, long memoryBytes, String dockerVersion) {
}
