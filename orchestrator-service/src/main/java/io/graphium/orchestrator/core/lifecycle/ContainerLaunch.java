package io.graphium.orchestrator.core.lifecycle;

import io.graphium.orchestrator.core.ContainerDefinition;
import java.util.Map;

/**
 * Tell one host's agent to create and start one container. {@code container} carries the resolved environment
 * (endpoints injected); {@code labels} mark ownership so the agent finds its containers by label, never by name.
 */
public record ContainerLaunch(String commandId, String causationId, String hostId, String stackId,
                              String deploymentId, String dockerName, ContainerDefinition container,
                              Map<String, String> labels) {
}
