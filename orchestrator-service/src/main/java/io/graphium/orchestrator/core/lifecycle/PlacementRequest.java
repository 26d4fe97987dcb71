package io.graphium.orchestrator.core.lifecycle;

import io.graphium.orchestrator.core.HostConstraint;
import io.graphium.orchestrator.core.PlacementStrategy;
import io.graphium.orchestrator.core.PortMapping;
import io.graphium.orchestrator.core.Resources;
import java.util.List;

/** Ask the placement service for hosts; one per deployment, so its id is derived from the deployment's. */
public record PlacementRequest(String commandId, String causationId, String stackId, String deploymentId,
                               PlacementStrategy strategy, String location, List<Demand> containers) implements Command {

    /** What placement needs to know of one container. */
    public record Demand(String containerName, List<PortMapping> ports, Resources resources,
                         HostConstraint constraint) {
    }
}
