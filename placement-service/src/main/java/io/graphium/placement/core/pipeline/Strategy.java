package io.graphium.placement.core.pipeline;

import io.graphium.placement.core.model.StrategyKind;

/** A placement strategy: the rule its requests must satisfy and the pipeline each container runs through. */
public record Strategy(StrategyKind kind, RequestCheck check, PlacementPipeline pipeline) {
}
