package io.graphium.placement.core.pipeline;

import io.graphium.placement.core.model.StrategyKind;

/**
 * A placement strategy: the rule its requests must satisfy, the pipeline each container runs through, and the
 * ranking its search may walk on many hosts (null: always evaluate every candidate).
 */
public record Strategy(StrategyKind kind, RequestCheck check, PlacementPipeline pipeline, RankedSearch ranked) {
}
