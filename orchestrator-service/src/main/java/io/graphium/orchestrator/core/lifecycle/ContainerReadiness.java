package io.graphium.orchestrator.core.lifecycle;

import io.graphium.orchestrator.core.ContainerDefinition;
import io.graphium.orchestrator.core.Dependency;
import io.graphium.orchestrator.core.StackDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Dependency waves, evaluated on the containers' reported states: a container may start once every container it
 * depends on is ready, wherever it runs. Ready means RUNNING and, for a container with a health check (its own or
 * its image's, as the agent reports), HEALTHY. Containers whose dependencies are ready start in parallel.
 */
final class ContainerReadiness {

    private ContainerReadiness() {
    }

    /** Whether {@code container} is ready for the containers that depend on it. */
    static boolean ready(ContainerDefinition container, ContainerStatus status) {
        if (status == null || status.state() != ContainerState.RUNNING) {
            return false;
        }
        return status.health() == Health.HEALTHY || (status.health() == Health.NONE && container.healthCheck() == null);
    }

    /** Containers not yet commanded (PENDING) whose dependencies are all ready, in definition order. */
    static List<ContainerDefinition> startable(StackDefinition definition, StackDeployment stack) {
        List<ContainerDefinition> startable = new ArrayList<>();
        for (ContainerDefinition container : definition.containers()) {
            ContainerStatus status = stack.containers().get(container.name());
            if (status != null && status.state() == ContainerState.PENDING
                    && container.dependsOn().stream().allMatch(d -> dependencyReady(definition, stack, d))) {
                startable.add(container);
            }
        }
        return startable;
    }

    /** Whether a command was sent for the container: it left PENDING, or it was startable (so it was commanded). */
    static boolean commanded(StackDefinition definition, StackDeployment stack, String containerName) {
        ContainerStatus status = stack.containers().get(containerName);
        if (status == null || status.hostId() == null) {
            return false;
        }
        if (status.state() != ContainerState.PENDING) {
            return status.dockerId() != null || status.state() != ContainerState.STOPPED;
        }
        return stack.status() == StackStatus.DEPLOYING
                && startable(definition, stack).stream().anyMatch(c -> c.name().equals(containerName));
    }

    /** Every container ready: the deployment has reached RUNNING. */
    static boolean allReady(StackDefinition definition, StackDeployment stack) {
        return definition.containers().stream().allMatch(c -> ready(c, stack.containers().get(c.name())));
    }

    /** What the containers that are not ready yet wait for, for a deadline's failure message. */
    static String notReady(StackDefinition definition, StackDeployment stack) {
        return definition.containers().stream().filter(c -> !ready(c, stack.containers().get(c.name())))
                .map(c -> describe(definition, stack, c)).collect(Collectors.joining("; "));
    }

    private static String describe(StackDefinition definition, StackDeployment stack, ContainerDefinition container) {
        ContainerStatus status = stack.containers().get(container.name());
        String where = status.hostId() == null ? "" : " on host " + status.hostId();
        if (status.state() == ContainerState.PENDING) {
            List<String> waits = container.dependsOn().stream().filter(d -> !dependencyReady(definition, stack, d))
                    .map(d -> "'" + d.name() + "'").toList();
            return "'" + container.name() + "'" + where + (waits.isEmpty() ? " was not reported by its host agent"
                    : " was waiting for " + String.join(", ", waits) + " to be ready");
        }
        return "'" + container.name() + "'" + where + " was " + status.state()
                + (status.health() == Health.NONE ? "" : " (health " + status.health() + ")")
                + (status.message() == null || status.message().isBlank() ? "" : ": " + status.message());
    }

    private static boolean dependencyReady(StackDefinition definition, StackDeployment stack, Dependency dependency) {
        return definition.containers().stream().filter(c -> c.name().equals(dependency.name())).findFirst()
                .map(c -> ready(c, stack.containers().get(c.name()))).orElse(false);
    }
}
