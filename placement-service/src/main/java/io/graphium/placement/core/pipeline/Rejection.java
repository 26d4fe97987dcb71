package io.graphium.placement.core.pipeline;

/**
 * Why a host cannot take a container.
 *
 * @param reason a constant short reason, countable across hosts (use the filter's constant), e.g. {@code port in use}
 * @param detail self-contained specifics that read well after the host id, e.g. {@code port 5432/tcp in use}
 */
public record Rejection(String reason, String detail) implements FilterResult {
}
