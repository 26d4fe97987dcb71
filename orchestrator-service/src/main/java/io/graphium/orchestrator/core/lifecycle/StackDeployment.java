package io.graphium.orchestrator.core.lifecycle;

import io.graphium.orchestrator.core.Placement;
import io.graphium.orchestrator.core.PlacementStrategy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything known about the current deployment of one stack: what dashboards see (the status snapshot) and what
 * the orchestrator needs to go on after a restart. Immutable; {@link StackLifecycle} and {@link StackOperations}
 * compute the next one.
 *
 * @param version           grows by one with every change, so readers can drop stale snapshots
 * @param placements        container name -> where it runs (empty until placed), in definition order
 * @param containers        container name -> last reported state, in definition order
 * @param lastEventId       id of the command or event that produced this state (the snapshot's causation)
 * @param rollbackOnFailure remove every container the deployment started when it fails
 * @param deadlineAt        when the deployment (or start) fails unless RUNNING; null when nothing is awaited. An
 *                          absolute time, so the deadline survives restarts
 * @param recentCommandIds  ids of the last stack commands applied (newest last): a redelivered one changes nothing
 */
public record StackDeployment(String stackId, String deploymentId, String stackName, long version, StackStatus status,
                              PlacementStrategy strategy, String location, Map<String, Placement> placements,
                              Map<String, String> serviceEndpoints, Map<String, ContainerStatus> containers,
                              Instant requestedAt, Instant startedAt, Instant completedAt, String error,
                              String lastEventId, boolean rollbackOnFailure, Instant deadlineAt,
                              List<String> recentCommandIds) {

    /** How many stack command ids a snapshot remembers; far more than can be in flight for one stack. */
    static final int REMEMBERED_COMMANDS = 20;

    public StackDeployment {
        placements = Collections.unmodifiableMap(new LinkedHashMap<>(placements));
        serviceEndpoints = Collections.unmodifiableMap(new LinkedHashMap<>(serviceEndpoints));
        containers = Collections.unmodifiableMap(new LinkedHashMap<>(containers));
        recentCommandIds = List.copyOf(recentCommandIds);
    }

    StackDeployment next(StackStatus newStatus, String causedBy) {
        return new StackDeployment(stackId, deploymentId, stackName, version + 1, newStatus, strategy, location,
                placements, serviceEndpoints, containers, requestedAt, startedAt, completedAt, error, causedBy,
                rollbackOnFailure, newStatus.inProgress() ? deadlineAt : null, recentCommandIds);
    }

    StackDeployment withPlacements(Map<String, Placement> newPlacements, Map<String, String> endpoints) {
        return new StackDeployment(stackId, deploymentId, stackName, version, status, strategy, location,
                newPlacements, endpoints, containers, requestedAt, startedAt, completedAt, error, lastEventId,
                rollbackOnFailure, deadlineAt, recentCommandIds);
    }

    StackDeployment withContainers(Map<String, ContainerStatus> newContainers) {
        return new StackDeployment(stackId, deploymentId, stackName, version, status, strategy, location, placements,
                serviceEndpoints, newContainers, requestedAt, startedAt, completedAt, error, lastEventId,
                rollbackOnFailure, deadlineAt, recentCommandIds);
    }

    StackDeployment withContainer(ContainerStatus container) {
        Map<String, ContainerStatus> updated = new LinkedHashMap<>(containers);
        updated.put(container.containerName(), container);
        return withContainers(updated);
    }

    StackDeployment started(Instant at) {
        return new StackDeployment(stackId, deploymentId, stackName, version, status, strategy, location, placements,
                serviceEndpoints, containers, requestedAt, at, completedAt, error, lastEventId, rollbackOnFailure,
                deadlineAt, recentCommandIds);
    }

    StackDeployment completed(Instant at, String failure) {
        return new StackDeployment(stackId, deploymentId, stackName, version, status, strategy, location, placements,
                serviceEndpoints, containers, requestedAt, startedAt, at, failure, lastEventId, rollbackOnFailure,
                deadlineAt, recentCommandIds);
    }

    StackDeployment withDeadline(Instant at) {
        return new StackDeployment(stackId, deploymentId, stackName, version, status, strategy, location, placements,
                serviceEndpoints, containers, requestedAt, startedAt, completedAt, error, lastEventId,
                rollbackOnFailure, at, recentCommandIds);
    }

    /** This state, remembering that stack command {@code commandId} was applied. */
    StackDeployment applied(String commandId) {
        List<String> ids = new ArrayList<>(recentCommandIds);
        ids.add(commandId);
        List<String> kept = ids.subList(Math.max(0, ids.size() - REMEMBERED_COMMANDS), ids.size());
        return new StackDeployment(stackId, deploymentId, stackName, version, status, strategy, location, placements,
                serviceEndpoints, containers, requestedAt, startedAt, completedAt, error, lastEventId,
                rollbackOnFailure, deadlineAt, kept);
    }

    /** Whether stack command {@code commandId} was applied already. */
    public boolean hasApplied(String commandId) {
        return deploymentId.equals(commandId) || recentCommandIds.contains(commandId);
    }

    /** The placement of one container, or null when it is not placed. */
    String hostOf(String containerName) {
        Placement placement = placements.get(containerName);
        return placement == null ? null : placement.hostId();
    }
}
