package io.graphium.orchestrator.core.lifecycle;

import io.graphium.orchestrator.core.ContainerDefinition;

/**
 * A command for one host's agent about one container. Its id is derived from the deployment, the container and the
 * stack command behind it, so a replay after a crash produces the same id and the agent ignores the repeat.
 *
 * @param container     the container with its resolved environment (endpoints injected): what should run
 * @param removeVolumes REMOVE only: also remove the stack's own named volumes the container uses
 */
public record ContainerCommand(Action action, String commandId, String causationId, String hostId, String stackId,
                               String deploymentId, String dockerName, ContainerDefinition container,
                               boolean removeVolumes) implements Command {

    /** What the agent is told to do. */
    public enum Action {
        /** Create (pulling the image if missing) and start. */
        DEPLOY,
        /** Start a created or stopped container. */
        START,
        /** Stop gracefully. */
        STOP,
        /** Remove (and, when asked, the stack's own volumes it uses). */
        REMOVE
    }

    public String containerName() {
        return container.name();
    }
}
