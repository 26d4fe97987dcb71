package io.graphium.agent.core;

import java.util.Objects;

/**
 * Which container a command or a status is about: a container of a stack, as created by one deployment of that
 * stack. On a host, {@code stackId + containerName} is unique; {@code deploymentId} tells versions apart.
 */
public record ContainerRef(String stackId, String deploymentId, String containerName) {

    public ContainerRef {
        Objects.requireNonNull(stackId, "stackId");
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(containerName, "containerName");
    }

    /** "container web of stack shop (deployment d-1)", for messages. */
    public String describe() {
        return "container " + containerName + " of stack " + stackId + " (deployment " + deploymentId + ")";
    }

    /** True when {@code other} is the same container of the same stack, whatever its deployment. */
    public boolean sameSlot(ContainerRef other) {
        return stackId.equals(other.stackId) && containerName.equals(other.containerName);
    }
}
