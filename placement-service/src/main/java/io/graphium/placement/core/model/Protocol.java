package io.graphium.placement.core.model;

/** Transport protocol of a host port; the same port number on TCP and UDP are two different ports. */
public enum Protocol {
    TCP, UDP;

    /** Lower-case name as written after a port, e.g. the {@code tcp} of {@code 5432/tcp}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
