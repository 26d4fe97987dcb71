package io.graphium.placement.core.model;

/** A port bound on a host: what two containers on one host must never share. */
public record HostPort(int port, Protocol protocol) {

    public static final int MAX_PORT = 65_535;

    public HostPort {
        if (port < 1 || port > MAX_PORT) {
            throw new IllegalArgumentException("host port " + port + " is outside 1-" + MAX_PORT);
        }
        if (protocol == null) {
            throw new IllegalArgumentException("host port " + port + " needs a protocol");
        }
    }

    /** One int per port and protocol, so hosts can keep their ports in primitive sets (port × 2 + protocol). */
    public int key() {
        return port << 1 | protocol.ordinal();
    }

    @Override
    public String toString() {
        return port + "/" + protocol.label();
    }
}
