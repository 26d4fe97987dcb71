package io.graphium.agent.core;

/** How the agent sees its host: ACTIVE when its container runtime answers, DEGRADED when it does not. */
public enum HostState {
    ACTIVE, DEGRADED
}
