package io.graphium.placement.core.score;

import io.graphium.placement.core.inventory.HostState;
import io.graphium.placement.core.model.ContainerDemand;
import io.graphium.placement.core.pipeline.HostScorer;
import io.graphium.placement.core.pipeline.PlacementContext;

/**
 * {@code 10 − containers}, clamped to −10..+10: +10 for an empty host, 0 at 10 containers, −10 from 20 on. Counts
 * running containers plus pending reservations. Depends on the host alone (no normalization over all hosts), so the
 * ranking index keeps it up to date incrementally.
 */
public final class ContainerCountScorer implements HostScorer {

    public static final double MAX_POINTS = 10;

    @Override
    public String term() {
        return "containers";
    }

    @Override
    public double score(ContainerDemand container, HostState host, PlacementContext context) {
        return points(host.containerCount());
    }

    /** The term itself, shared with the ranking index so both compute the very same double. */
    public static double points(int containers) {
        return Math.max(-MAX_POINTS, Math.min(MAX_POINTS, MAX_POINTS - containers));
    }
}
