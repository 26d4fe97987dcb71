package io.graphium.agent.core;

import java.util.List;

/**
 * A container found on the host by its ownership labels, as Docker lists it.
 *
 * @param ports       its configured port bindings (also when it is not running: the ports stay reserved for it)
 * @param exitCode    when it has exited, its exit code; null otherwise or when unknown
 * @param cpuCores    its CPU limit, null for none
 * @param memoryBytes its memory limit, null for none
 * @param hostId      the host id of the agent that created it (its label), null when it has none
 */
public record ManagedContainer(ContainerRef ref, String dockerId, String dockerName, String image, String commandId,
                               ContainerStatus status, Health health, Integer exitCode, List<PortBinding> ports,
                               Double cpuCores, Long memoryBytes, String hostId) {

    public ManagedContainer {
        ports = ports == null ? List.of() : List.copyOf(ports);
        health = health == null ? Health.NONE : health;
    }

    /** The same container with another status (e.g. EXITED seen as STOPPED because the agent stopped it). */
    public ManagedContainer withStatus(ContainerStatus newStatus) {
        return new ManagedContainer(ref, dockerId, dockerName, image, commandId, newStatus, health, exitCode, ports,
                cpuCores, memoryBytes, hostId);
    }

    public boolean running() {
        return status == ContainerStatus.RUNNING;
    }
}
