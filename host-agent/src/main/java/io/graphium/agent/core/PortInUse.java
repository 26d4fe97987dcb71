package io.graphium.agent.core;

/** A host port bound by some container on the host (ours or not): what placement must not double-book. */
public record PortInUse(int port, Protocol protocol) implements Comparable<PortInUse> {

    @Override
    public int compareTo(PortInUse other) {
        int byPort = Integer.compare(port, other.port);
        return byPort != 0 ? byPort : protocol.compareTo(other.protocol);
    }
}
