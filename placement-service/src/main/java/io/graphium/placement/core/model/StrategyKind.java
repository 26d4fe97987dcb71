package io.graphium.placement.core.model;

/** The placement strategies a stack can ask for; {@code core.pipeline.Strategies} assembles each of them. */
public enum StrategyKind {
    AUTO, MANUAL, SPREAD, DATACENTER
}
