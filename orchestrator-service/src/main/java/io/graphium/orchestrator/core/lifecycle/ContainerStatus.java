package io.graphium.orchestrator.core.lifecycle;

import java.time.Instant;

/** The last known state of one container of a deployment. */
public record ContainerStatus(String containerName, String hostId, ContainerState state, Health health,
                              String dockerId, Integer exitCode, String message, Instant updatedAt) {

    /**
     * This report, with the health known of the same running container kept when the report says none: an agent
     * that finds a container "already running" (after its own restart, say) reports what Docker knows, and Docker
     * knows nothing of the checks the agent probes itself. Health moves only with a newer observation of it, a new
     * container, or a change of state.
     */
    ContainerStatus keepingHealthOf(ContainerStatus known) {
        boolean sameRunningContainer = state == ContainerState.RUNNING && known.state() == ContainerState.RUNNING
                && (dockerId == null || dockerId.equals(known.dockerId()));
        if (health != Health.NONE || known.health() == Health.NONE || !sameRunningContainer) {
            return this;
        }
        return new ContainerStatus(containerName, hostId, state, known.health(), known.dockerId(), exitCode,
                message, updatedAt);
    }

    static ContainerStatus pending(String containerName, String hostId, Instant at) {
        return new ContainerStatus(containerName, hostId, ContainerState.PENDING, Health.NONE, null, null, null, at);
    }
}
