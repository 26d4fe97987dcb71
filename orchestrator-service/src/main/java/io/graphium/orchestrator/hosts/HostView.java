package io.graphium.orchestrator.hosts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One host as the REST API shows it.
 *
 * @param status         the effective status: what placement goes by (an operator's override first, then OFFLINE for
 *                       an agent host whose heartbeats stopped, then what the host reported)
 * @param statusReason   why {@code status} is what it is, one readable sentence
 * @param reportedStatus what the agent's last heartbeat (or the manual registration) said
 * @param override       the operator's MAINTENANCE/OFFLINE override, null when there is none
 * @param source         AGENT (auto-discovered, heartbeats) or MANUAL (registered through the API)
 * @param lastHeartbeat  when the agent last reported; null for a manual host
 * @param portsInUse     host ports bound on the host, as "5432/tcp"
 */
public record HostView(String id, String name, String ipAddress, int cpus, long memoryBytes, String datacenter,
                       Map<String, String> labels, String source, String status, String statusReason,
                       String reportedStatus, Override override, Instant registeredAt, Instant lastHeartbeat,
                       Usage usage, List<Container> containers, List<String> portsInUse, String agentVersion,
                       String dockerVersion) {

    /** An operator's status decision. */
    public record Override(String status, String reason, String changedBy, Instant changedAt) {
    }

    /** The host's load as its agent last reported it. */
    public record Usage(double cpuUsedCores, long memoryUsedBytes, int containersRunning) {
    }

    /** A container the host's agent manages. */
    public record Container(String stackId, String deploymentId, String containerName, String dockerId, String state,
                            String health) {
    }
}
