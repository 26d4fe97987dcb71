package io.graphium.placement.core.score;

import io.graphium.placement.core.inventory.HostState;
import io.graphium.placement.core.model.ContainerDemand;
import io.graphium.placement.core.pipeline.HostScorer;
import io.graphium.placement.core.pipeline.PlacementContext;

/**
 * {@code −containers}: the host with the fewest containers (running plus pending, counting earlier containers of
 * the same stack) wins. Resources play no part: this is the spread strategy's only term.
 */
public final class FewestContainersScorer implements HostScorer {

    @Override
    public String term() {
        return "spread";
    }

    @Override
    public double score(ContainerDemand container, HostState host, PlacementContext context) {
        return -host.containerCount();
    }
}
