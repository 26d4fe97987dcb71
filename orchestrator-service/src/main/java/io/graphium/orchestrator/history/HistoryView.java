package io.graphium.orchestrator.history;

import io.graphium.events.StackHistoryEvent;
import java.time.Instant;

/** One entry of a stack's history as the REST API and the event streams show it. */
public record HistoryView(String eventId, String stackId, String deploymentId, String kind, String status,
                          String containerName, String hostId, String containerState, String health, String message,
                          Instant occurredAt, String requestedBy, boolean requestedByVerified) {

    static HistoryView of(StackHistoryEvent event) {
        return new HistoryView(event.getEventId(), event.getStackId(), event.getDeploymentId(),
                event.getKind().name(), event.getStatus() == null ? null : event.getStatus().name(),
                event.getContainerName(), event.getHostId(),
                event.getContainerState() == null ? null : event.getContainerState().name(),
                event.getHealth() == null ? null : event.getHealth().name(), event.getMessage(),
                event.getOccurredAt(), event.getRequestedBy(), event.getRequestedByVerified());
    }
}
