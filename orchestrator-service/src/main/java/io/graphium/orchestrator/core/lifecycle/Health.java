package io.graphium.orchestrator.core.lifecycle;

/** A container's health; NONE when it has no health check. */
public enum Health {
    NONE, STARTING, HEALTHY, UNHEALTHY
}
