package io.graphium.agent.core;

/** Health of a container; NONE when it has no health check. Same names as the contracts' {@code HealthStatus}. */
public enum Health {
    NONE, STARTING, HEALTHY, UNHEALTHY
}
