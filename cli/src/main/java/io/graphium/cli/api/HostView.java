package io.graphium.cli.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One host of the inventory as {@code GET /api/v1/hosts} shows it. {@code status} is what placement goes by (an
 * operator's override first, then OFFLINE for a silent agent, then what the host reported); {@code statusReason}
 * says why.
 */
public record HostView(String id, String name, String ipAddress, int cpus, long memoryBytes, String datacenter,
                       Map<String, String> labels, String source, String status, String statusReason,
                       Instant lastHeartbeat, Usage usage, List<Object> containers) {

    public HostView {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        containers = containers == null ? List.of() : containers;
    }

    /** The host's load as its agent last reported it. */
    public record Usage(double cpuUsedCores, long memoryUsedBytes, int containersRunning) {
    }
}
