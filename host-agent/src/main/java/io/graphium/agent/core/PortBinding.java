package io.graphium.agent.core;

/**
 * A container port and the host port it is published on.
 *
 * @param hostPort 0 when the port is only exposed, not published on the host (it then never conflicts)
 */
public record PortBinding(int containerPort, int hostPort, Protocol protocol) {

    public PortBinding {
        if (containerPort < 1 || containerPort > 65535) {
            throw new IllegalArgumentException("container port " + containerPort + " is not in 1..65535");
        }
        if (hostPort < 0 || hostPort > 65535) {
            throw new IllegalArgumentException("host port " + hostPort + " is not in 0..65535");
        }
        protocol = protocol == null ? Protocol.TCP : protocol;
    }

    public boolean published() {
        return hostPort > 0;
    }
}
