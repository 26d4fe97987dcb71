package io.graphium.placement.core.pipeline;

import io.graphium.placement.core.inventory.HostRanking;
import io.graphium.placement.core.inventory.RankedHosts;

/**
 * Where a strategy's search starts on many hosts: the ranking order that lists hosts exactly as its scorers would
 * rank them (highest total first, ties to the lowest id). Must match the pipeline's scorers term for term; the
 * property tests check that the ranked search and the exhaustive evaluation choose the same hosts.
 */
@FunctionalInterface
public interface RankedSearch {

    RankedHosts hosts(HostRanking ranking, PlacementContext context);
}
