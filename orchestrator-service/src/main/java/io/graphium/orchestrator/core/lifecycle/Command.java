package io.graphium.orchestrator.core.lifecycle;

/** What a transition asks the outside world to do: ask placement for hosts, or tell one host's agent. */
public sealed interface Command permits PlacementRequest, ContainerCommand {

    /** Every command has an id, derived from the input that caused it, so a replay repeats the same id. */
    String commandId();
}
