package io.graphium.agent.core;

/**
 * What Docker says about one container in detail, for verifying a start and diagnosing a failure.
 *
 * @param dockerStatus Docker's own state word: created, running, exited, dead...
 * @param error        Docker's error for the last start, empty or null when none
 * @param memoryBytes  its memory limit, null for none
 * @param probedCheck  its HTTP/TCP health check (from its labels), null for none
 */
public record ContainerInspection(String dockerId, String dockerStatus, Health health, Integer exitCode,
                                  boolean oomKilled, String error, Long memoryBytes, HealthCheck probedCheck) {

    public ContainerStatus status() {
        return DockerStates.status(dockerStatus);
    }

    public boolean running() {
        return status() == ContainerStatus.RUNNING;
    }
}
