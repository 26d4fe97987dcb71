package io.graphium.agent.core;

/**
 * The life cycle states the agent reports; the same names as the {@code ContainerState} of the event contracts,
 * kept separate so that the core depends on no generated class.
 */
public enum ContainerStatus {
    PENDING, PULLING, CREATED, RUNNING, EXITED, STOPPED, REMOVED, FAILED, UNKNOWN
}
