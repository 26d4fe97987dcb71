package io.graphium.placement.core.score;

import io.graphium.placement.core.inventory.HostState;
import io.graphium.placement.core.model.ContainerDemand;
import io.graphium.placement.core.pipeline.HostScorer;
import io.graphium.placement.core.pipeline.PlacementContext;

/** +20 for a host in the stack's location, −20 for a host elsewhere, 0 when the stack has no location. */
public final class DatacenterScorer implements HostScorer {

    public static final double POINTS = 20;

    @Override
    public String term() {
        return "datacenter";
    }

    @Override
    public double score(ContainerDemand container, HostState host, PlacementContext context) {
        if (context.location() == null) {
            return 0;
        }
        return context.location().equals(host.info().datacenter()) ? POINTS : -POINTS;
    }
}
