package io.graphium.agent.core;

import java.util.Optional;

/**
 * Recognises a stale command: one that a newer command for the same container superseded (e.g. an old deploy
 * published again after a newer deploy, stop or start of that container). The orchestrator writes a container's
 * desired record before it sends the command, so when the desired state is read up to now, the latest desired
 * command id of the container is the id of its newest command; any other id is older. Applies to deploy, start and
 * stop (the commands that leave a desired record); a container without a desired record (never desired, removed,
 * or an orchestrator that writes none) is not judged.
 */
public final class SupersededCommands {

    private final DesiredStateSource desiredState;

    public SupersededCommands(DesiredStateSource desiredState) {
        this.desiredState = desiredState;
    }

    /** The id of the newer command that superseded {@code commandId} for {@code ref}'s container; empty if none. */
    public Optional<String> newerThan(String commandId, ContainerRef ref) {
        return decide(commandId, desiredState.latestCommandId(ref.stackId(), ref.containerName()));
    }

    /** Pure: superseded exactly when a latest desired command id exists and is another one. */
    static Optional<String> decide(String commandId, Optional<String> latestDesired) {
        return latestDesired.filter(latest -> !latest.equals(commandId));
    }
}
