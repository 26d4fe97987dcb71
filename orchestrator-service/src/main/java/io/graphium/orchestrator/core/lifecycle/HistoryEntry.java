package io.graphium.orchestrator.core.lifecycle;

/**
 * One step of a stack's audit trail, as a transition produced it; the adapter adds ids, time and the stack's status.
 * Container fields are null for steps about the whole stack.
 */
public record HistoryEntry(Kind kind, String containerName, String hostId, ContainerState containerState,
                           Health health, String message) {

    /** What kind of step it was. */
    public enum Kind {
        DEPLOY_REQUESTED, DEPLOY_REJECTED, PLACEMENT_REQUESTED, PLACED, PLACEMENT_FAILED, CONTAINER_COMMANDED,
        CONTAINER_CHANGED, STATUS_CHANGED, DEADLINE_EXPIRED, ROLLBACK_STARTED, STOP_REQUESTED, START_REQUESTED,
        REMOVE_REQUESTED, REPORT_REFUSED, COMMAND_REFUSED, OTHER
    }

    static HistoryEntry of(Kind kind, String message) {
        return new HistoryEntry(kind, null, null, null, null, message);
    }

    static HistoryEntry commanded(ContainerCommand command) {
        String verb = switch (command.action()) {
            case DEPLOY -> "deploy";
            case START -> "start";
            case STOP -> "stop";
            case REMOVE -> command.removeVolumes() ? "remove (with its volumes)" : "remove";
        };
        return new HistoryEntry(Kind.CONTAINER_COMMANDED, command.containerName(), command.hostId(), null, null,
                "told host " + command.hostId() + " to " + verb + " container '" + command.containerName() + "'");
    }

    /** A report about a container from a host it was not placed on: kept in the history, not believed. */
    static HistoryEntry reportRefused(ContainerStatus reported, String placedOn) {
        return new HistoryEntry(Kind.REPORT_REFUSED, reported.containerName(), reported.hostId(), reported.state(),
                reported.health(), "refused a report from host " + reported.hostId() + " that container '"
                + reported.containerName() + "' is " + reported.state() + ": the container was placed on host "
                + placedOn + ", and only that host may report about it");
    }

    static HistoryEntry changed(ContainerStatus container) {
        String health = container.health() == Health.NONE ? "" : " (" + container.health() + ")";
        return new HistoryEntry(Kind.CONTAINER_CHANGED, container.containerName(), container.hostId(),
                container.state(), container.health(), "container '" + container.containerName() + "' on host "
                + container.hostId() + " is " + container.state() + health
                + (container.message() == null || container.message().isBlank() ? "" : ": " + container.message()));
    }
}
