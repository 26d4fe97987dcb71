package io.graphium.placement.core.model;

/**
 * Why one host cannot take a container.
 *
 * @param reason constant and short, countable across hosts, e.g. {@code port in use}
 * @param detail self-contained specifics, e.g. {@code port 5432/tcp in use}
 */
public record HostRejection(String hostId, String reason, String detail) {

    @Override
    public String toString() {
        return hostId + " " + detail;
    }
}
