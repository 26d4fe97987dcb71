package io.graphium.orchestrator.core.lifecycle;

/** Where a stack is in its lifecycle. */
public enum StackStatus {
    PENDING, PLACING, DEPLOYING, RUNNING, DEGRADED, FAILED, STOPPING, STOPPED, REMOVING, REMOVED;

    /** A stack in one of these states may be deployed again under the same id. */
    public boolean allowsRedeploy() {
        return this == FAILED || this == REMOVED;
    }

    /** A stack in one of these states may be stopped. */
    public boolean allowsStop() {
        return this == DEPLOYING || this == RUNNING || this == DEGRADED;
    }

    /** A stack in one of these states may be started. */
    public boolean allowsStart() {
        return this == STOPPED;
    }

    /** A stack in one of these states may be removed. */
    public boolean allowsRemove() {
        return this != REMOVING && this != REMOVED;
    }

    /** Something is under way that must end by the stack's deadline. */
    public boolean inProgress() {
        return this == PENDING || this == PLACING || this == DEPLOYING || this == STOPPING || this == REMOVING;
    }
}
