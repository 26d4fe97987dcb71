package io.graphium.cli.api;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stack's deployment as the orchestrator's REST API shows it ({@code GET /api/v1/stacks/{id}}). Fields the CLI does
 * not know are ignored, so the API can grow without breaking older CLIs.
 */
public record StackView(String stackId, String deploymentId, String name, String status, long version,
                        String strategy, String location, List<Placement> placements,
                        Map<String, String> serviceEndpoints, List<Container> containers, Instant requestedAt,
                        Instant startedAt, Instant completedAt, String error) {

    public StackView {
        placements = placements == null ? List.of() : List.copyOf(placements);
        // keeps the API's order, which Map.copyOf would not
        serviceEndpoints = serviceEndpoints == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(serviceEndpoints));
        containers = containers == null ? List.of() : List.copyOf(containers);
    }

    /** Where the placement service put one container. */
    public record Placement(String container, String hostId, String hostIp, List<Port> ports) {

        public Placement {
            ports = ports == null ? List.of() : List.copyOf(ports);
        }
    }

    /** A container port and the host port it is published on; hostPort 0 means not published. */
    public record Port(int containerPort, int hostPort, String protocol) {
    }

    /** A container's state as its host agent last reported it. */
    public record Container(String name, String hostId, String state, String health, String dockerId,
                            Integer exitCode, String message, Instant updatedAt) {
    }

    public Optional<Placement> placementOf(String container) {
        return placements.stream().filter(p -> container.equals(p.container())).findFirst();
    }

    public Optional<Container> containerNamed(String container) {
        return containers.stream().filter(c -> container.equals(c.name())).findFirst();
    }

    /** Containers whose last reported state is RUNNING. */
    public long runningContainers() {
        return containers.stream().filter(c -> "RUNNING".equals(c.state())).count();
    }

    /** Containers of the stack: reported ones, or placed ones before any report arrived. */
    public int totalContainers() {
        return Math.max(containers.size(), placements.size());
    }
}
