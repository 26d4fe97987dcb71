package io.graphium.placement.core.model;

/** A container port and the host port it is published on; host port 0 means not published, so it never conflicts. */
public record PortMapping(int containerPort, int hostPort, Protocol protocol) {

    public PortMapping {
        protocol = protocol == null ? Protocol.TCP : protocol;
    }

    public boolean isPublished() {
        return hostPort != 0;
    }

    /** The host side of a published mapping. */
    public HostPort hostSide() {
        return new HostPort(hostPort, protocol);
    }
}
