package io.graphium.cli.api;

import java.time.Instant;

/**
 * One step of a stack's history ({@code GET /api/v1/stacks/{id}/history}, or an {@code event: history} of the event
 * stream). {@code kind} is one of DEPLOY_REQUESTED, PLACED, CONTAINER_CHANGED, STATUS_CHANGED...; the fields that do
 * not apply to a kind are null.
 */
public record HistoryEntry(String eventId, String stackId, String deploymentId, String kind, String status,
                           String containerName, String hostId, String containerState, String health, String message,
                           Instant occurredAt) {
}
