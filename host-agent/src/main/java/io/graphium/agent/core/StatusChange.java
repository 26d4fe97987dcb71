package io.graphium.agent.core;

/**
 * A state change of one container, reported in answer to a command.
 *
 * @param commandId the command this answers (also its cause)
 * @param dockerId  null when no container exists (e.g. the image could not be pulled)
 * @param message   a readable explanation, required for FAILED
 */
public record StatusChange(String commandId, ContainerRef ref, ContainerStatus status, Health health,
                           String dockerId, Integer exitCode, String message) {

    public StatusChange {
        health = health == null ? Health.NONE : health;
        if (status == ContainerStatus.FAILED && (message == null || message.isBlank())) {
            throw new IllegalArgumentException("a FAILED status needs a message saying why");
        }
    }

    static StatusChange of(String commandId, ContainerRef ref, ContainerStatus status, String dockerId,
                           String message) {
        return new StatusChange(commandId, ref, status, Health.NONE, dockerId, null, message);
    }
}
