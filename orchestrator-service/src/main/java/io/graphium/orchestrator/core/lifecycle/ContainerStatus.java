package io.graphium.orchestrator.core.lifecycle;

import java.time.Instant;

/** The last known state of one container of a deployment. */
public record ContainerStatus(String containerName, String hostId, ContainerState state, Health health,
                              String dockerId, Integer exitCode, String message, Instant updatedAt) {

    static ContainerStatus pending(String containerName, String hostId, Instant at) {
        return new ContainerStatus(containerName, hostId, ContainerState.PENDING, Health.NONE, null, null, null, at);
    }
}
