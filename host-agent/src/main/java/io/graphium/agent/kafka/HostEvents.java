package io.graphium.agent.kafka;

import io.graphium.agent.AgentProperties;
import io.graphium.agent.core.HostReport;
import io.graphium.agent.core.ManagedContainer;
import io.graphium.agent.core.PortInUse;
import io.graphium.events.ContainerState;
import io.graphium.events.HealthStatus;
import io.graphium.events.HostDescription;
import io.graphium.events.HostHeartbeat;
import io.graphium.events.HostPort;
import io.graphium.events.HostRegistered;
import io.graphium.events.HostStatus;
import io.graphium.events.HostUsage;
import io.graphium.events.Protocol;
import io.graphium.events.RegistrationSource;
import java.time.Instant;
import java.util.UUID;

/** Writes the host inventory events from the agent's configuration and its latest look at the host. */
final class HostEvents {

    private HostEvents() {
    }

    static HostRegistered registered(AgentProperties agent, String agentVersion, HostReport report) {
        return HostRegistered.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now())
                .setHost(description(agent, agentVersion, report))
                .setStatus(HostStatus.valueOf(report.state().name()))
                .setSource(RegistrationSource.AGENT)
                .build();
    }

    static HostHeartbeat heartbeat(AgentProperties agent, String agentVersion, HostReport report) {
        return HostHeartbeat.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now())
                .setHost(description(agent, agentVersion, report))
                .setStatus(HostStatus.valueOf(report.state().name()))
                .setUsage(HostUsage.newBuilder()
                        .setCpuUsedCores(report.observation().reservedCpuCores())
                        .setMemoryUsedBytes(report.observation().reservedMemoryBytes())
                        .setContainersRunning(report.observation().containersRunning())
                        .build())
                .setContainers(report.observation().managed().stream().map(HostEvents::container).toList())
                .setPortsInUse(report.observation().portsInUse().stream().map(HostEvents::port).toList())
                .build();
    }

    static HostDescription description(AgentProperties agent, String agentVersion, HostReport report) {
        return HostDescription.newBuilder()
                .setHostId(agent.hostId())
                .setName(agent.name())
                .setIpAddress(agent.ipAddress())
                .setCpus(report.facts().cpus())
                .setMemoryBytes(report.facts().memoryBytes())
                .setDatacenter(agent.datacenter())
                .setLabels(agent.labels())
                .setAgentVersion(agentVersion)
                .setDockerVersion(report.facts().dockerVersion())
                .build();
    }

    private static io.graphium.events.ManagedContainer container(ManagedContainer container) {
        return io.graphium.events.ManagedContainer.newBuilder()
                .setStackId(container.ref().stackId())
                .setDeploymentId(container.ref().deploymentId())
                .setContainerName(container.ref().containerName())
                .setDockerId(container.dockerId())
                .setState(ContainerState.valueOf(container.status().name()))
                .setHealth(HealthStatus.valueOf(container.health().name()))
                .build();
    }

    private static HostPort port(PortInUse port) {
        return HostPort.newBuilder().setPort(port.port()).setProtocol(Protocol.valueOf(port.protocol().name())).build();
    }
}
