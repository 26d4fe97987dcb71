package io.graphium.orchestrator.core;

/** What a container reserves on its host; counted by placement and passed to Docker as limits (0 = none). */
public record Resources(double cpuCores, long memoryBytes) {
}
