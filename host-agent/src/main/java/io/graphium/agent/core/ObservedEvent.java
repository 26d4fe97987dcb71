package io.graphium.agent.core;

/**
 * Something Docker says happened to a managed container, from its event stream.
 *
 * @param health for HEALTH: the new health
 */
public record ObservedEvent(Kind kind, ContainerRef ref, String dockerId, Health health) {

    public enum Kind { STARTED, DIED, HEALTH, DESTROYED }
}
