package io.graphium.cli.api;

import java.time.Instant;

/**
 * One step of a stack's history ({@code GET /api/v1/stacks/{id}/history}, or an {@code event: history} of the event
 * stream). {@code kind} is one of DEPLOY_REQUESTED, PLACED, CONTAINER_CHANGED, STATUS_CHANGED...; the fields that do
 * not apply to a kind are null. {@code requestedBy}: who sent the command that caused the step (null for steps of
 * placement, agents, deadlines); {@code requestedByVerified}: the orchestrator's REST API vouched for that name.
 */
public record HistoryEntry(String eventId, String stackId, String deploymentId, String kind, String status,
                           String containerName, String hostId, String containerState, String health, String message,
                           Instant occurredAt, String requestedBy, boolean requestedByVerified) {

    public HistoryEntry(String eventId, String stackId, String deploymentId, String kind, String status,
                        String containerName, String hostId, String containerState, String health, String message,
                        Instant occurredAt) {
        this(eventId, stackId, deploymentId, kind, status, containerName, hostId, containerState, health, message,
                occurredAt, null, false);
    }

    /** The message, and who asked for the step when a command caused it ("(by alice)", or "(by bob, unverified)"). */
    public String messageWithRequester() {
        if (requestedBy == null || requestedBy.isBlank()) {
            return message;
        }
        String by = "(by " + requestedBy + (requestedByVerified ? ")" : ", unverified)");
        return message == null ? by : message + " " + by;
    }
}
