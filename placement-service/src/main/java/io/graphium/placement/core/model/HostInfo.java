package io.graphium.placement.core.model;

import java.util.Map;

/**
 * What a host is: identity, capacity, location. A capacity of 0 (e.g. a memory-only host with 0 CPUs) means that
 * dimension is not accounted on this host: nothing is checked against it and it scores 0.
 *
 * @param datacenter null when the host does not say
 */
public record HostInfo(String id, String name, String ipAddress, int cpus, long memoryBytes, String datacenter,
                       Map<String, String> labels) {

    public HostInfo {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
