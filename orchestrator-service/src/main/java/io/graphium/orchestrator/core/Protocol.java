package io.graphium.orchestrator.core;

/** Transport protocol of a port; written "tcp" / "udp" in definitions. */
public enum Protocol {
    TCP, UDP
}
