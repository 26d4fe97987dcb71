package io.graphium.orchestrator.core;

/** How placement picks hosts; written "auto", "manual", "spread", "datacenter" in definitions. */
public enum PlacementStrategy {
    AUTO, MANUAL, SPREAD, DATACENTER
}
