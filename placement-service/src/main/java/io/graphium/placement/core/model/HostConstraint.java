package io.graphium.placement.core.model;

import java.util.Map;

/**
 * Hard requirements of one container on its host; every part that is set must hold, under every strategy.
 *
 * @param targetHost         the only host the container may run on, or null
 * @param requiredDatacenter the datacenter the host must be in, or null
 * @param minCpu             cores the host must have (capacity, not free), or null
 * @param minMemoryBytes     memory the host must have (capacity, not free), or null
 * @param labels             labels the host must carry with exactly these values
 */
public record HostConstraint(String targetHost, String requiredDatacenter, Double minCpu, Long minMemoryBytes,
                             Map<String, String> labels) {

    public static final HostConstraint NONE = new HostConstraint(null, null, null, null, Map.of());

    public HostConstraint {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public static HostConstraint onHost(String targetHost) {
        return new HostConstraint(targetHost, null, null, null, Map.of());
    }
}
