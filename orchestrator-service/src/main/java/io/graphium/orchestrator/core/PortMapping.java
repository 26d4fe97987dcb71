package io.graphium.orchestrator.core;

/**
 * A container port and the host port it is published on (host-port networking).
 *
 * @param hostPort 0 = not published on the host, so it never conflicts and is no service endpoint
 */
public record PortMapping(int containerPort, int hostPort, Protocol protocol) {

    public PortMapping {
        protocol = protocol == null ? Protocol.TCP : protocol;
    }

    public boolean isPublished() {
        return hostPort != 0;
    }
}
