package io.graphium.placement.core.filter;

import io.graphium.placement.core.inventory.HostState;
import io.graphium.placement.core.model.ContainerDemand;
import io.graphium.placement.core.model.HostConstraint;
import io.graphium.placement.core.model.Quantities;
import io.graphium.placement.core.pipeline.FilterResult;
import io.graphium.placement.core.pipeline.HostFilter;
import io.graphium.placement.core.pipeline.PlacementContext;
import io.graphium.placement.core.pipeline.Rejection;

/**
 * The host is big enough for the container's {@code minCpu} / {@code minMemory}: these compare the host's capacity,
 * not what is free (that is {@link ResourcesFitFilter}'s job).
 */
public final class MinCapacityFilter implements HostFilter {

    public static final String CPU_REASON = "too few cpus";
    public static final String MEMORY_REASON = "too little memory";

    @Override
    public FilterResult check(ContainerDemand container, HostState host, PlacementContext context) {
        HostConstraint constraint = container.constraint();
        if (constraint.minCpu() != null && host.info().cpus() < constraint.minCpu()) {
            return new Rejection(CPU_REASON, CPU_REASON + " (has " + host.info().cpus() + ", needs "
                    + Quantities.decimal(constraint.minCpu(), 2) + ")");
        }
        if (constraint.minMemoryBytes() != null && host.memoryCapacity() < constraint.minMemoryBytes()) {
            return new Rejection(MEMORY_REASON, MEMORY_REASON + " (has " + Quantities.bytes(host.memoryCapacity())
                    + ", needs " + Quantities.bytes(constraint.minMemoryBytes()) + ")");
        }
        return FilterResult.PASS;
    }
}
