package io.graphium.orchestrator.core.lifecycle;

import io.graphium.orchestrator.core.ContainerDefinition;
import io.graphium.orchestrator.core.EnvironmentInjector;
import io.graphium.orchestrator.core.ServiceEndpoints;
import io.graphium.orchestrator.core.HostConstraint;
import io.graphium.orchestrator.core.Placement;
import io.graphium.orchestrator.core.Problem;
import io.graphium.orchestrator.core.StackDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The state machine of one stack's deployment, as pure functions: (current state, input) -> {@link Transition}.
 * Every input carries the deployment it belongs to; an input for another deployment, or one that arrives in a
 * state where it means nothing, changes nothing. That makes every handler idempotent under redelivery.
 *
 * <pre>
 * PENDING -> PLACING --PlacementDecided--> DEPLOYING --all RUNNING--> RUNNING <--> DEGRADED
 *               \--PlacementFailed/invalid--> FAILED     \--a container FAILED/EXITED--> FAILED
 * </pre>
 */
public final class StackLifecycle {

    private StackLifecycle() {
    }

    /**
     * A deploy command arrived. The deployment id is the command id, so a redelivered command is recognized.
     * {@code problems} are the definition's validation problems: any of them fails the deployment at once.
     */
    public static Transition deployRequested(String commandId, String stackId, StackDefinition definition,
                                             List<Problem> problems, Instant requestedAt, StackDeployment current) {
        if (current != null && current.deploymentId().equals(commandId)) {
            return Transition.unchanged("deploy command " + commandId + " was already accepted");
        }
        if (current != null && !current.status().allowsRedeploy()) {
            return Transition.unchanged("stack '" + stackId + "' is already deployed (status " + current.status()
                    + ", deployment " + current.deploymentId() + "); remove it before deploying it again");
        }
        Map<String, ContainerStatus> containers = new LinkedHashMap<>();
        definition.containers().forEach(c -> containers.put(c.name(), ContainerStatus.pending(c.name(), null,
                requestedAt)));
        StackDeployment accepted = new StackDeployment(stackId, commandId, definition.name(),
                current == null ? 0 : current.version(), StackStatus.PENDING,
                definition.deployment().strategy(), definition.location(), Map.of(), Map.of(), containers,
                requestedAt, null, null, null, commandId);
        if (!problems.isEmpty()) {
            String error = "invalid stack definition: " + problems.stream()
                    .map(p -> p.path() + ": " + p.message()).collect(Collectors.joining("; "));
            return Transition.to(accepted.next(StackStatus.FAILED, commandId).completed(requestedAt, error), List.of());
        }
        PlacementRequest request = new PlacementRequest(commandId + ":place", commandId, stackId, commandId,
                definition.deployment().strategy(), definition.location(), demands(definition));
        return Transition.to(accepted.next(StackStatus.PLACING, commandId), List.of(request));
    }

    /** Placement found hosts: resolve endpoints and environments, and launch every container on its host. */
    public static Transition placementDecided(StackDeployment current, String deploymentId, String eventId,
                                              Map<String, Placement> placements, StackDefinition definition,
                                              Instant at) {
        if (!expects(current, deploymentId, StackStatus.PLACING)) {
            return Transition.unchanged("placement for deployment " + deploymentId + " is not awaited");
        }
        Map<String, String> endpoints = ServiceEndpoints.of(definition, placements).addresses();
        Map<String, ContainerDefinition> resolved = EnvironmentInjector.resolveContainers(definition, placements);
        List<Object> launches = new ArrayList<>();
        Map<String, ContainerStatus> containers = new LinkedHashMap<>();
        for (ContainerDefinition container : definition.containers()) {
            Placement placement = placements.get(container.name());
            String commandId = deploymentId + ":" + container.name() + ":deploy";
            launches.add(new ContainerLaunch(commandId, eventId, placement.hostId(), current.stackId(), deploymentId,
                    current.stackId() + "-" + container.name(), resolved.get(container.name())));
            containers.put(container.name(), ContainerStatus.pending(container.name(), placement.hostId(), at));
        }
        StackDeployment deploying = current.withPlacements(placements, endpoints).withContainers(containers)
                .started(at).next(StackStatus.DEPLOYING, eventId);
        return Transition.to(deploying, launches);
    }

    /** Placement found no valid hosts: the deployment fails with placement's own explanation. */
    public static Transition placementFailed(StackDeployment current, String deploymentId, String eventId,
                                             String message, Instant at) {
        if (!expects(current, deploymentId, StackStatus.PLACING)) {
            return Transition.unchanged("placement for deployment " + deploymentId + " is not awaited");
        }
        return Transition.to(current.completed(at, message).next(StackStatus.FAILED, eventId), List.of());
    }

    /** An agent reported a container's state; the stack's status follows from all its containers. */
    public static Transition containerReported(StackDeployment current, String deploymentId, String eventId,
                                               ContainerStatus reported) {
        if (current == null || !current.deploymentId().equals(deploymentId)) {
            return Transition.unchanged("status of container '" + reported.containerName() + "' belongs to another "
                    + "deployment (" + deploymentId + ")");
        }
        ContainerStatus known = current.containers().get(reported.containerName());
        if (known == null) {
            return Transition.unchanged("stack '" + current.stackId() + "' has no container '"
                    + reported.containerName() + "'");
        }
        if (known.updatedAt() != null && reported.updatedAt().isBefore(known.updatedAt())) {
            return Transition.unchanged("older than what is known of container '" + reported.containerName() + "'");
        }
        if (sameObservation(known, reported)) {
            return Transition.unchanged("container '" + reported.containerName() + "' is already " + known.state());
        }
        Map<String, ContainerStatus> containers = new LinkedHashMap<>(current.containers());
        containers.put(reported.containerName(), reported);
        StackDeployment updated = current.withContainers(containers);
        return Transition.to(settle(updated, reported, eventId), List.of());
    }

    /** The stack status that the containers' states imply, from the status the stack is in. */
    private static StackDeployment settle(StackDeployment stack, ContainerStatus reported, String eventId) {
        boolean allRunning = stack.containers().values().stream()
                .allMatch(c -> c.state() == ContainerState.RUNNING && c.health() != Health.UNHEALTHY);
        boolean broken = reported.state() == ContainerState.FAILED || reported.state() == ContainerState.EXITED
                || reported.health() == Health.UNHEALTHY;
        return switch (stack.status()) {
            case DEPLOYING -> broken
                    ? stack.completed(reported.updatedAt(), failure(reported)).next(StackStatus.FAILED, eventId)
                    : allRunning ? stack.completed(reported.updatedAt(), null).next(StackStatus.RUNNING, eventId)
                    : stack.next(StackStatus.DEPLOYING, eventId);
            case RUNNING, DEGRADED -> allRunning
                    ? stack.completed(stack.completedAt(), null).next(StackStatus.RUNNING, eventId)
                    : stack.completed(stack.completedAt(), broken ? failure(reported) : stack.error())
                    .next(StackStatus.DEGRADED, eventId);
            default -> stack.next(stack.status(), eventId);
        };
    }

    /** One readable sentence: which container, which host, what Docker or the health check said. */
    static String failure(ContainerStatus container) {
        String what = container.health() == Health.UNHEALTHY ? "is unhealthy"
                : container.state() == ContainerState.EXITED ? "exited" + (container.exitCode() == null ? ""
                : " with code " + container.exitCode())
                : "failed";
        return "container '" + container.containerName() + "' on host " + container.hostId() + " " + what
                + (container.message() == null || container.message().isBlank() ? "" : ": " + container.message());
    }

    private static boolean expects(StackDeployment current, String deploymentId, StackStatus status) {
        return current != null && current.deploymentId().equals(deploymentId) && current.status() == status;
    }

    private static boolean sameObservation(ContainerStatus a, ContainerStatus b) {
        return a.state() == b.state() && a.health() == b.health() && java.util.Objects.equals(a.dockerId(), b.dockerId())
                && java.util.Objects.equals(a.hostId(), b.hostId());
    }

    private static List<PlacementRequest.Demand> demands(StackDefinition definition) {
        Map<String, HostConstraint> constraints = new LinkedHashMap<>();
        definition.deployment().hostConstraints().forEach(c -> constraints.put(c.containerName(), c));
        return definition.containers().stream().map(c -> new PlacementRequest.Demand(c.name(), c.ports(),
                c.resources(), constraints.get(c.name()))).toList();
    }
}
