package io.graphium.orchestrator.core.lifecycle;

/** A container's state as its host agent reports it. */
public enum ContainerState {
    PENDING, PULLING, CREATED, RUNNING, EXITED, STOPPED, REMOVED, FAILED, UNKNOWN
}
