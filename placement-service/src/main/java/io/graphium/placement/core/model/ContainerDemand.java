package io.graphium.placement.core.model;

import java.util.List;

/**
 * What placement needs to know of one container.
 *
 * @param name       container name, unique within its stack
 * @param ports      its port mappings; only published ones (host port ≠ 0) occupy a host port
 * @param resources  what it declared, or null: then it reserves {@link Resources#DEFAULT_RESERVATION}
 * @param constraint its hard host requirements ({@link HostConstraint#NONE} when it has none)
 */
public record ContainerDemand(String name, List<PortMapping> ports, Resources resources, HostConstraint constraint) {

    public ContainerDemand {
        ports = ports == null ? List.of() : List.copyOf(ports);
        constraint = constraint == null ? HostConstraint.NONE : constraint;
    }

    /** What this container reserves on its host. */
    public Resources reservation() {
        return resources == null ? Resources.DEFAULT_RESERVATION : resources;
    }

    /** The host ports it occupies. */
    public List<HostPort> publishedPorts() {
        return ports.stream().filter(PortMapping::isPublished).map(PortMapping::hostSide).toList();
    }
}
