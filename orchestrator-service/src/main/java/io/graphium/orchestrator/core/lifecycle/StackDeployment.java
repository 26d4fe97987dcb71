package io.graphium.orchestrator.core.lifecycle;

import io.graphium.orchestrator.core.Placement;
import io.graphium.orchestrator.core.PlacementStrategy;
import java.time.Instant;
import java.util.Map;

/**
 * Everything known about the current deployment of one stack: what dashboards see (the status snapshot) and what
 * the orchestrator needs to go on after a restart. Immutable; {@link StackLifecycle} computes the next one.
 *
 * @param version     grows by one with every change, so readers can drop stale snapshots
 * @param placements  container name -> where it runs (empty until placed), in definition order
 * @param containers  container name -> last reported state, in definition order
 * @param lastEventId id of the command or event that produced this state (the snapshot's causation)
 */
public record StackDeployment(String stackId, String deploymentId, String stackName, long version, StackStatus status,
                              PlacementStrategy strategy, String location, Map<String, Placement> placements,
                              Map<String, String> serviceEndpoints, Map<String, ContainerStatus> containers,
                              Instant requestedAt, Instant startedAt, Instant completedAt, String error,
                              String lastEventId) {

    public StackDeployment {
        placements = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(placements));
        serviceEndpoints = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(serviceEndpoints));
        containers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(containers));
    }

    StackDeployment next(StackStatus newStatus, String causedBy) {
        return new StackDeployment(stackId, deploymentId, stackName, version + 1, newStatus, strategy, location,
                placements, serviceEndpoints, containers, requestedAt, startedAt, completedAt, error, causedBy);
    }

    StackDeployment withPlacements(Map<String, Placement> newPlacements, Map<String, String> endpoints) {
        return new StackDeployment(stackId, deploymentId, stackName, version, status, strategy, location,
                newPlacements, endpoints, containers, requestedAt, startedAt, completedAt, error, lastEventId);
    }

    StackDeployment withContainers(Map<String, ContainerStatus> newContainers) {
        return new StackDeployment(stackId, deploymentId, stackName, version, status, strategy, location, placements,
                serviceEndpoints, newContainers, requestedAt, startedAt, completedAt, error, lastEventId);
    }

    StackDeployment started(Instant at) {
        return new StackDeployment(stackId, deploymentId, stackName, version, status, strategy, location, placements,
                serviceEndpoints, containers, requestedAt, at, completedAt, error, lastEventId);
    }

    StackDeployment completed(Instant at, String failure) {
        return new StackDeployment(stackId, deploymentId, stackName, version, status, strategy, location, placements,
                serviceEndpoints, containers, requestedAt, startedAt, at, failure, lastEventId);
    }
}
