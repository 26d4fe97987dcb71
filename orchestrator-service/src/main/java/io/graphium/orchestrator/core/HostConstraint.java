package io.graphium.orchestrator.core;

import java.util.Map;

/**
 * Hard placement requirements of one container; every field that is set must hold.
 *
 * @param minCpu    cores the host must have, or null
 * @param minMemory bytes of memory the host must have, or null
 * @param labels    all must equal the host's labels
 */
public record HostConstraint(String containerName, String targetHost, String requiredDatacenter, Double minCpu,
                             Long minMemory, Map<String, String> labels) {

    public HostConstraint {
        labels = Immutable.map(labels);
    }
}
