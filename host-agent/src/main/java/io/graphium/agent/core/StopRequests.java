package io.graphium.agent.core;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Containers this agent stopped on request. Docker shows a stopped container as "exited" like one that died by
 * itself; these are reported as STOPPED instead of EXITED. Kept in memory: after an agent restart they read EXITED.
 */
public final class StopRequests {

    private final Set<String> stopped = ConcurrentHashMap.newKeySet();

    void stopped(String dockerId) {
        stopped.add(dockerId);
    }

    void cleared(String dockerId) {
        stopped.remove(dockerId);
    }

    /** True when the agent stopped {@code dockerId} (on request or to match the desired state). */
    public boolean requested(String dockerId) {
        return stopped.contains(dockerId);
    }

    /** {@code container} as the agent reports it. */
    public ManagedContainer view(ManagedContainer container) {
        return container.status() == ContainerStatus.EXITED && stopped.contains(container.dockerId())
                ? container.withStatus(ContainerStatus.STOPPED) : container;
    }
}
