package io.graphium.placement.core.pipeline;

import io.graphium.placement.core.inventory.HostState;
import io.graphium.placement.core.model.ContainerDemand;

/**
 * A feasibility check: can this host take this container at all? Runs for every candidate host, so it should be
 * cheap and allocate nothing when the host passes.
 */
public interface HostFilter {

    FilterResult check(ContainerDemand container, HostState host, PlacementContext context);
}
