package io.graphium.placement.core.filter;

import io.graphium.placement.core.inventory.HostState;
import io.graphium.placement.core.model.ContainerDemand;
import io.graphium.placement.core.model.ContainerKey;
import io.graphium.placement.core.model.HostPort;
import io.graphium.placement.core.model.PortMapping;
import io.graphium.placement.core.pipeline.FilterResult;
import io.graphium.placement.core.pipeline.HostFilter;
import io.graphium.placement.core.pipeline.PlacementContext;
import io.graphium.placement.core.pipeline.Rejection;

/**
 * Never two containers with the same host port and protocol on one host: a published port must be neither bound on
 * the host (per its heartbeat) nor reserved by a pending decision, including earlier containers of the same stack.
 * Unpublished ports (host port 0) never conflict.
 */
public final class PortsFreeFilter implements HostFilter {

    public static final String REASON = "port in use";

    @Override
    public FilterResult check(ContainerDemand container, HostState host, PlacementContext context) {
        for (PortMapping mapping : container.ports()) {
            if (!mapping.isPublished()) {
                continue;
            }
            HostPort port = mapping.hostSide();
            if (host.portInUse(port)) {
                return new Rejection(REASON, "port " + port + " in use");
            }
            ContainerKey holder = host.portReservedFor(port);
            if (holder != null) {
                return new Rejection(REASON, "port " + port + " reserved for " + holder);
            }
        }
        return FilterResult.PASS;
    }
}
