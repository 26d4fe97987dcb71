package io.graphium.orchestrator.api;

import io.graphium.orchestrator.core.PortMapping;
import io.graphium.orchestrator.core.lifecycle.StackDeployment;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A stack's deployment as the REST API shows it. Never contains environment values. */
public record StackView(String stackId, String deploymentId, String name, String status, long version,
                        String strategy, String location, List<PlacementView> placements,
                        Map<String, String> serviceEndpoints, List<ContainerView> containers, Instant requestedAt,
                        Instant startedAt, Instant completedAt, String error) {

    public record PlacementView(String container, String hostId, String hostIp, List<PortMapping> ports) {
    }

    public record ContainerView(String name, String hostId, String state, String health, String dockerId,
                                Integer exitCode, String message, Instant updatedAt) {
    }

    static StackView of(StackDeployment d) {
        return new StackView(d.stackId(), d.deploymentId(), d.stackName(), d.status().name(), d.version(),
                d.strategy().name().toLowerCase(), d.location(),
                d.placements().entrySet().stream().map(e -> new PlacementView(e.getKey(), e.getValue().hostId(),
                        e.getValue().hostIp(), e.getValue().ports())).toList(),
                d.serviceEndpoints(),
                d.containers().values().stream().map(c -> new ContainerView(c.containerName(), c.hostId(),
                        c.state().name(), c.health().name(), c.dockerId(), c.exitCode(), c.message(), c.updatedAt()))
                        .toList(),
                d.requestedAt(), d.startedAt(), d.completedAt(), d.error());
    }

    /** Accepted by the API, not yet picked up by the orchestrator's command listener. */
    static StackView pending(String stackId, String deploymentId, String name, String strategy, String location,
                             Instant requestedAt) {
        return new StackView(stackId, deploymentId, name, "PENDING", 0, strategy, location, List.of(), Map.of(),
                List.of(), requestedAt, null, null, null);
    }
}
