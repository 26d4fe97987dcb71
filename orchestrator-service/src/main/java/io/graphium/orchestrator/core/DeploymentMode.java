package io.graphium.orchestrator.core;

/** Whether a stack may span hosts; written "single-host" / "multi-host" in definitions. */
public enum DeploymentMode {
    SINGLE_HOST, MULTI_HOST
}
