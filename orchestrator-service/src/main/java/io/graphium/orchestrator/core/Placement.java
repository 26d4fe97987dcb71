package io.graphium.orchestrator.core;

import java.util.List;
import java.util.Objects;

/**
 * Where one container runs.
 *
 * @param ports the container's ports as placed on that host (normally the definition's); the published ones are
 *              what other hosts connect to
 */
public record Placement(String hostId, String hostIp, List<PortMapping> ports) {

    public Placement {
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(hostIp, "hostIp");
        ports = Immutable.list(ports);
    }
}
