package io.graphium.orchestrator.core.lifecycle;

/** Where a stack is in its lifecycle. */
public enum StackStatus {
    PENDING, PLACING, DEPLOYING, RUNNING, DEGRADED, FAILED, STOPPING, STOPPED, REMOVING, REMOVED;

    /** A stack in one of these states may be deployed again under the same id. */
    public boolean allowsRedeploy() {
        return this == FAILED || this == REMOVED;
    }
}
