package io.graphium.orchestrator.core;

/** How a container's health is checked; written "command" / "http" / "tcp" in definitions. */
public enum HealthCheckType {
    COMMAND, HTTP, TCP
}
