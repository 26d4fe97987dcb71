package io.graphium.orchestrator.core;

/** A service as other hosts reach it: host IP and published host port. */
public record Endpoint(String host, int port) {

    /** {@code host:port}, with an IPv6 host in brackets so the port stays unambiguous. */
    public String address() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return address();
    }
}
