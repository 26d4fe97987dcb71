package io.graphium.placement.core.model;

import io.graphium.hosts.HostStatus;
import java.time.Instant;

/**
 * One registration or heartbeat of a host. The latest by {@code occurredAt} wins.
 *
 * @param live       what runs on the host, or null for a registration (which carries no live state: the last
 *                   heartbeat's stays)
 * @param fromAgent  true for a heartbeat or an agent's registration: such a host is subject to the heartbeat TTL;
 *                   false for a host registered by hand (no agent), which stays active until an operator says
 *                   otherwise
 * @param receivedAt when the placement service heard the report, by its own clock: the host TTL counts from here,
 *                   so agents' clocks may be skewed
 */
public record HostReport(HostInfo host, HostStatus status, Instant occurredAt, HostLiveState live, boolean fromAgent,
                         Instant receivedAt) {

    public HostReport {
        receivedAt = receivedAt == null ? occurredAt : receivedAt;
    }

    /** A report from an agent, heard when it occurred (tests and tools whose clock is the agent's). */
    public HostReport(HostInfo host, HostStatus status, Instant occurredAt, HostLiveState live) {
        this(host, status, occurredAt, live, true, occurredAt);
    }
}
