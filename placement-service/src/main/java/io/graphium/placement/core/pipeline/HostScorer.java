package io.graphium.placement.core.pipeline;

import io.graphium.placement.core.inventory.HostState;
import io.graphium.placement.core.model.ContainerDemand;

/**
 * One named term of a host's score for a container (higher is better). The total is the sum of the terms; the
 * diagnosis shows each term under {@link #term()}. Runs only for hosts that passed every filter.
 */
public interface HostScorer {

    /** The name of this term in diagnoses, e.g. {@code cpu}. */
    String term();

    double score(ContainerDemand container, HostState host, PlacementContext context);
}
