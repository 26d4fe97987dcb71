package io.graphium.placement.core.model;

import java.time.Instant;

/**
 * One registration or heartbeat of a host. The latest by {@code occurredAt} wins.
 *
 * @param live what runs on the host, or null for a registration (which carries no live state: the last heartbeat's
 *             stays)
 */
public record HostReport(HostInfo host, HostStatus status, Instant occurredAt, HostLiveState live) {
}
