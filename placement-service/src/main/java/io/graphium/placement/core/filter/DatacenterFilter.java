package io.graphium.placement.core.filter;

import io.graphium.placement.core.inventory.HostState;
import io.graphium.placement.core.model.ContainerDemand;
import io.graphium.placement.core.pipeline.FilterResult;
import io.graphium.placement.core.pipeline.HostFilter;
import io.graphium.placement.core.pipeline.PlacementContext;
import io.graphium.placement.core.pipeline.Rejection;
import java.util.function.BiFunction;

/**
 * The host is in the wanted datacenter. Where the wish comes from is the difference between the datacenter strategy
 * (the stack's location) and a container's {@code requiredDatacenter}; when there is none, every host passes.
 */
public final class DatacenterFilter implements HostFilter {

    public static final String REASON = "datacenter mismatch";

    private final BiFunction<ContainerDemand, PlacementContext, String> wanted;

    private DatacenterFilter(BiFunction<ContainerDemand, PlacementContext, String> wanted) {
        this.wanted = wanted;
    }

    /** Hosts in the stack's location only. */
    public static DatacenterFilter stackLocation() {
        return new DatacenterFilter((container, context) -> context.location());
    }

    /** Hosts in the container's {@code requiredDatacenter} only, when it has one. */
    public static DatacenterFilter requiredByConstraint() {
        return new DatacenterFilter((container, context) -> container.constraint().requiredDatacenter());
    }

    @Override
    public FilterResult check(ContainerDemand container, HostState host, PlacementContext context) {
        String datacenter = wanted.apply(container, context);
        if (datacenter == null || datacenter.equals(host.info().datacenter())) {
            return FilterResult.PASS;
        }
        return new Rejection(REASON, host.info().datacenter() == null
                ? "has no datacenter, needs " + datacenter
                : "datacenter " + host.info().datacenter() + " is not " + datacenter);
    }
}
