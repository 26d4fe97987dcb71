package io.graphium.placement.kafka;

import io.graphium.events.HostDescription;
import io.graphium.events.HostHeartbeat;
import io.graphium.events.HostRegistered;
import io.graphium.events.RegistrationSource;
import io.graphium.hosts.HostStatus;
import io.graphium.placement.core.model.ContainerKey;
import io.graphium.placement.core.model.HostInfo;
import io.graphium.placement.core.model.HostLiveState;
import io.graphium.placement.core.model.HostPort;
import io.graphium.placement.core.model.HostReport;
import io.graphium.placement.core.model.Protocol;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Host events (Avro) to the core's {@link HostReport}. */
final class InventoryMapping {

    private InventoryMapping() {
    }

    /**
     * A registration says what the host is and its status, nothing about what runs on it. A manual one (no agent)
     * leaves the host outside the heartbeat TTL.
     *
     * @param receivedAt when this service heard it, by its own clock (the host TTL counts from here)
     */
    static HostReport report(HostRegistered event, Instant receivedAt) {
        return new HostReport(host(event.getHost()), status(event.getStatus()), event.getOccurredAt(), null,
                event.getSource() == RegistrationSource.AGENT, receivedAt);
    }

    static HostReport report(HostHeartbeat event, Instant receivedAt) {
        Set<ContainerKey> containers = event.getContainers().stream()
                .map(c -> new ContainerKey(c.getStackId(), c.getDeploymentId(), c.getContainerName()))
                .collect(Collectors.toSet());
        // A port outside 1-65535 cannot collide with a published port; skip it rather than reject the heartbeat.
        List<HostPort> ports = event.getPortsInUse().stream()
                .filter(p -> p.getPort() >= 1 && p.getPort() <= HostPort.MAX_PORT)
                .map(p -> new HostPort(p.getPort(), Protocol.valueOf(p.getProtocol().name())))
                .toList();
        HostLiveState live = new HostLiveState(event.getUsage().getCpuUsedCores(),
                event.getUsage().getMemoryUsedBytes(), event.getUsage().getContainersRunning(), containers, ports);
        return new HostReport(host(event.getHost()), status(event.getStatus()), event.getOccurredAt(), live, true,
                receivedAt);
    }

    private static HostInfo host(HostDescription host) {
        return new HostInfo(host.getHostId(), host.getName(), host.getIpAddress(), host.getCpus(),
                host.getMemoryBytes(), host.getDatacenter(), host.getLabels());
    }

    static HostStatus status(io.graphium.events.HostStatus status) {
        return HostStatus.valueOf(status.name());
    }
}
