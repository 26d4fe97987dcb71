package io.graphium.placement.core.filter;

import io.graphium.placement.core.inventory.HostState;
import io.graphium.placement.core.model.ContainerDemand;
import io.graphium.placement.core.model.Quantities;
import io.graphium.placement.core.model.Resources;
import io.graphium.placement.core.pipeline.FilterResult;
import io.graphium.placement.core.pipeline.HostFilter;
import io.graphium.placement.core.pipeline.PlacementContext;
import io.graphium.placement.core.pipeline.Rejection;

/**
 * The container's reservation (declared, or the default) fits what the host has free after its usage and the
 * pending reservations. A dimension the host does not account (capacity 0) is not checked.
 */
public final class ResourcesFitFilter implements HostFilter {

    public static final String CPU_REASON = "insufficient cpu";
    public static final String MEMORY_REASON = "insufficient memory";

    @Override
    public FilterResult check(ContainerDemand container, HostState host, PlacementContext context) {
        Resources needed = container.reservation();
        if (host.cpuCapacityMilli() > 0 && needed.milliCpu() > host.freeMilliCpu()) {
            return new Rejection(CPU_REASON, CPU_REASON + " (needs " + Quantities.cores(needed.milliCpu()) + ", "
                    + Quantities.cores(host.freeMilliCpu()) + " free)");
        }
        if (host.memoryCapacity() > 0 && needed.memoryBytes() > host.freeMemory()) {
            return new Rejection(MEMORY_REASON, MEMORY_REASON + " (needs " + Quantities.bytes(needed.memoryBytes())
                    + ", " + Quantities.bytes(host.freeMemory()) + " free)");
        }
        return FilterResult.PASS;
    }
}
