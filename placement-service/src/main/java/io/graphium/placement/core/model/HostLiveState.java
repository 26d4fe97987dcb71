package io.graphium.placement.core.model;

import java.util.List;
import java.util.Set;

/**
 * What an agent's heartbeat says runs on its host right now.
 *
 * @param containersRunning all running containers, ours or not (the load the container-count terms see)
 * @param containers        the containers of Graphium deployments present on the host; listing one confirms its
 *                          reservation
 * @param portsInUse        host ports bound by anything on the host
 */
public record HostLiveState(double cpuUsedCores, long memoryUsedBytes, int containersRunning,
                            Set<ContainerKey> containers, List<HostPort> portsInUse) {

    public HostLiveState {
        containers = Set.copyOf(containers);
        portsInUse = List.copyOf(portsInUse);
    }
}
