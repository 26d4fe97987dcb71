package io.graphium.placement.core.model;

import java.util.List;

/** Where one container runs. */
public record Placement(String containerName, String hostId, String hostIp, List<PortMapping> ports) {

    public Placement {
        ports = List.copyOf(ports);
    }
}
