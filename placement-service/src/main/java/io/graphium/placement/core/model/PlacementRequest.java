package io.graphium.placement.core.model;

import java.util.List;

/**
 * Where should the containers of one deployment run?
 *
 * @param location   the stack's datacenter, or null
 * @param containers in definition order: they are placed in this order, each seeing the reservations of the ones
 *                   before it
 * @param dryRun     answer with a plan and reserve nothing
 */
public record PlacementRequest(String stackId, String deploymentId, StrategyKind strategy, String location,
                               List<ContainerDemand> containers, boolean dryRun) {

    public PlacementRequest {
        containers = List.copyOf(containers);
    }

    public ContainerKey keyOf(ContainerDemand container) {
        return new ContainerKey(stackId, deploymentId, container.name());
    }
}
