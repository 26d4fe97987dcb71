package io.graphium.orchestrator.core.lifecycle;

import io.graphium.orchestrator.core.ContainerDefinition;

/**
 * Tell one host's agent to create and start one container. {@code container} carries the resolved environment
 * (endpoints injected). The agent labels the container with its stack, deployment and command ids itself: those
 * labels are how it finds its containers, so it alone decides them.
 */
public record ContainerLaunch(String commandId, String causationId, String hostId, String stackId,
                              String deploymentId, String dockerName, ContainerDefinition container) {
}
