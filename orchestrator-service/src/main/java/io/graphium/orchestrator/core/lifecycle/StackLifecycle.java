package io.graphium.orchestrator.core.lifecycle;

import io.graphium.orchestrator.core.ContainerDefinition;
import io.graphium.orchestrator.core.EnvironmentInjector;
import io.graphium.orchestrator.core.HostConstraint;
import io.graphium.orchestrator.core.Placement;
import io.graphium.orchestrator.core.Problem;
import io.graphium.orchestrator.core.ServiceEndpoints;
import io.graphium.orchestrator.core.StackDefinition;
import io.graphium.orchestrator.core.lifecycle.ContainerCommand.Action;
import io.graphium.orchestrator.core.lifecycle.HistoryEntry.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The state machine of one stack's deployment, as pure functions: (current state, input) -> {@link Transition}.
 * Every input carries the deployment it belongs to; an input for another deployment, or one that arrives in a
 * state where it means nothing, changes nothing. That makes every handler idempotent under redelivery.
 * Stop, start and remove are in {@link StackOperations}.
 *
 * <pre>
 * PENDING -> PLACING --PlacementDecided--> DEPLOYING --all ready--> RUNNING <--> DEGRADED
 *               \--PlacementFailed/invalid--> FAILED     \--a container FAILED/EXITED, deadline--> FAILED
 * </pre>
 * While deploying, an UNHEALTHY container is "not ready yet", not a failure: a database that warms up for longer
 * than its check's retries allow turns HEALTHY later, and Docker keeps checking. The deadline decides, and its
 * reason names the container and what its check said. Once RUNNING, UNHEALTHY makes the stack DEGRADED.
 * DEPLOYING launches containers in dependency waves ({@link ContainerReadiness}); a failure rolls back (removes every
 * container the deployment commanded) unless the request said otherwise.
 */
public final class StackLifecycle {

    private StackLifecycle() {
    }

    /** What a deploy command asks for besides the definition. */
    public record DeployOptions(boolean rollbackOnFailure, Duration deadline) {
        public static final DeployOptions DEFAULTS = new DeployOptions(true, Duration.ofMinutes(5));
    }

    /**
     * A deploy command arrived. The deployment id is the command id, so a redelivered command is recognized.
     * {@code problems} are the definition's validation problems: any of them fails the deployment at once.
     */
    public static Transition deployRequested(String commandId, String stackId, StackDefinition definition,
                                             List<Problem> problems, DeployOptions options, Instant requestedAt,
                                             StackDeployment current) {
        if (current != null && current.hasApplied(commandId)) {
            return Transition.unchanged("deploy command " + commandId + " was already accepted");
        }
        if (current != null && !current.status().allowsRedeploy()) {
            return Transition.refused(Kind.DEPLOY_REJECTED, "stack '" + stackId + "' is already deployed (status "
                    + current.status() + ", deployment " + current.deploymentId()
                    + "); remove it before deploying it again");
        }
        Map<String, ContainerStatus> containers = new LinkedHashMap<>();
        definition.containers().forEach(c -> containers.put(c.name(), ContainerStatus.pending(c.name(), null,
                requestedAt)));
        StackDeployment accepted = new StackDeployment(stackId, commandId, definition.name(),
                current == null ? 0 : current.version(), StackStatus.PENDING,
                definition.deployment().strategy(), definition.location(), Map.of(), Map.of(), containers,
                requestedAt, null, null, null, commandId, options.rollbackOnFailure(),
                requestedAt.plus(options.deadline()), List.of());
        List<HistoryEntry> history = new ArrayList<>();
        history.add(HistoryEntry.of(Kind.DEPLOY_REQUESTED, "deploy of stack '" + definition.name() + "' requested ("
                + definition.containers().size() + " container(s), deadline " + options.deadline()
                + (options.rollbackOnFailure() ? ", rollback on failure)" : ", no rollback)")));
        if (!problems.isEmpty()) {
            String error = "invalid stack definition: " + problems.stream()
                    .map(p -> p.path() + ": " + p.message()).collect(Collectors.joining("; "));
            history.add(HistoryEntry.of(Kind.DEPLOY_REJECTED, error));
            return Transition.to(current, accepted.next(StackStatus.FAILED, commandId)
                    .completed(requestedAt, error), List.of(), history);
        }
        PlacementRequest request = new PlacementRequest(commandId + ":place", commandId, stackId, commandId,
                definition.deployment().strategy(), definition.location(), demands(definition));
        history.add(HistoryEntry.of(Kind.PLACEMENT_REQUESTED, "asked placement for hosts ("
                + definition.deployment().strategy().name().toLowerCase() + " strategy"
                + (definition.location() == null ? "" : ", location " + definition.location()) + ")"));
        return Transition.to(current, accepted.next(StackStatus.PLACING, commandId), List.of(request),
                history);
    }

    /** Placement found hosts: resolve endpoints and environments, and launch the first wave of containers. */
    public static Transition placementDecided(StackDeployment current, String deploymentId, String eventId,
                                              Map<String, Placement> placements, StackDefinition definition,
                                              Instant at) {
        if (!expects(current, deploymentId, StackStatus.PLACING)) {
            return Transition.unchanged("placement for deployment " + deploymentId + " is not awaited");
        }
        Map<String, String> endpoints = ServiceEndpoints.of(definition, placements).addresses();
        Map<String, ContainerStatus> containers = new LinkedHashMap<>();
        for (ContainerDefinition container : definition.containers()) {
            containers.put(container.name(), ContainerStatus.pending(container.name(),
                    placements.get(container.name()).hostId(), at));
        }
        StackDeployment deploying = current.withPlacements(placements, endpoints).withContainers(containers)
                .started(at).next(StackStatus.DEPLOYING, eventId);
        List<HistoryEntry> history = new ArrayList<>();
        history.add(HistoryEntry.of(Kind.PLACED, "placed " + placements.entrySet().stream()
                .map(e -> "'" + e.getKey() + "' on " + e.getValue().hostId()).collect(Collectors.joining(", "))));
        List<ContainerCommand> launches = launches(definition, null, deploying, eventId);
        launches.forEach(l -> history.add(HistoryEntry.commanded(l)));
        return Transition.to(current, deploying, launches, history);
    }

    /** Placement found no valid hosts: the deployment fails with placement's own explanation. */
    public static Transition placementFailed(StackDeployment current, String deploymentId, String eventId,
                                             String message, Instant at) {
        if (!expects(current, deploymentId, StackStatus.PLACING)) {
            return Transition.unchanged("placement for deployment " + deploymentId + " is not awaited");
        }
        return Transition.to(current, current.completed(at, message).next(StackStatus.FAILED, eventId), List.of(),
                List.of(HistoryEntry.of(Kind.PLACEMENT_FAILED, message)));
    }

    /**
     * An agent reported a container's state. The stack's status follows from all its containers; while DEPLOYING,
     * containers whose dependencies became ready are launched. {@code reported.hostId()} is the authenticated host
     * (the reports topic the event arrived on): a report from any host but the one the container was placed on is
     * refused, recorded in the history as {@link Kind#REPORT_REFUSED}, and changes nothing.
     */
    public static Transition containerReported(StackDeployment current, StackDefinition definition,
                                               String deploymentId, String eventId, ContainerStatus reported) {
        if (current == null || !current.deploymentId().equals(deploymentId)) {
            return Transition.unchanged("status of container '" + reported.containerName() + "' belongs to another "
                    + "deployment (" + deploymentId + ")");
        }
        ContainerStatus known = current.containers().get(reported.containerName());
        if (known == null) {
            return Transition.unchanged("stack '" + current.stackId() + "' has no container '"
                    + reported.containerName() + "'");
        }
        String placedOn = known.hostId() != null ? known.hostId() : current.hostOf(reported.containerName());
        if (!java.util.Objects.equals(placedOn, reported.hostId())) {
            HistoryEntry refused = HistoryEntry.reportRefused(reported, placedOn);
            return Transition.refused(refused, refused.message());
        }
        if (known.updatedAt() != null && reported.updatedAt().isBefore(known.updatedAt())) {
            return Transition.unchanged("older than what is known of container '" + reported.containerName() + "'");
        }
        reported = reported.keepingHealthOf(known);
        if (sameObservation(known, reported)) {
            return Transition.unchanged("container '" + reported.containerName() + "' is already " + known.state());
        }
        StackDeployment updated = current.withContainer(reported);
        List<HistoryEntry> history = new ArrayList<>(List.of(HistoryEntry.changed(reported)));
        return switch (current.status()) {
            case DEPLOYING -> deploying(current, updated, definition, eventId, reported, history);
            case RUNNING, DEGRADED -> Transition.to(current, runningOrDegraded(updated, reported, eventId), List.of(),
                    history);
            case STOPPING, REMOVING -> StackOperations.settle(current, updated, eventId, history);
            default -> Transition.to(current, updated.next(updated.status(), eventId), List.of(), history);
        };
    }

    /** The deadline passed while the stack was still deploying (or stopping, removing): it ends now. */
    public static Transition deadlineExpired(StackDeployment current, StackDefinition definition, Instant now) {
        if (current == null || current.deadlineAt() == null || !current.status().inProgress()
                || now.isBefore(current.deadlineAt())) {
            return Transition.unchanged("no deadline has passed");
        }
        String eventId = current.deploymentId() + ":deadline:" + current.version();
        if (current.status() == StackStatus.STOPPING || current.status() == StackStatus.REMOVING) {
            return StackOperations.deadlineExpired(current, eventId, now);
        }
        String reason = "the deployment did not reach RUNNING by its deadline (" + current.deadlineAt() + ")"
                + (definition == null || current.status() != StackStatus.DEPLOYING ? ": status was "
                + current.status() : ": " + ContainerReadiness.notReady(definition, current));
        List<HistoryEntry> history = new ArrayList<>(List.of(HistoryEntry.of(Kind.DEADLINE_EXPIRED, reason)));
        return fail(current, current, definition, reason, eventId, now, history);
    }

    private static Transition deploying(StackDeployment current, StackDeployment updated, StackDefinition definition,
                                        String eventId, ContainerStatus reported, List<HistoryEntry> history) {
        if (stopped(reported)) {
            return fail(current, updated, definition, failure(reported), eventId, reported.updatedAt(), history);
        }
        if (ContainerReadiness.allReady(definition, updated)) {
            return Transition.to(current, updated.completed(reported.updatedAt(), null)
                    .next(StackStatus.RUNNING, eventId), List.of(), history);
        }
        StackDeployment next = updated.next(StackStatus.DEPLOYING, eventId);
        List<ContainerCommand> launches = launches(definition, current, next, eventId);
        launches.forEach(l -> history.add(HistoryEntry.commanded(l)));
        return Transition.to(current, next, launches, history);
    }

    /**
     * The deployment fails with {@code reason}. With rollback, every container it commanded is removed (desired
     * state first, by the adapter), so nothing is left on any host.
     */
    static Transition fail(StackDeployment previous, StackDeployment stack, StackDefinition definition, String reason,
                           String eventId, Instant at, List<HistoryEntry> history) {
        List<ContainerCommand> removals = new ArrayList<>();
        if (stack.rollbackOnFailure() && definition != null) {
            Map<String, ContainerDefinition> resolved = resolved(definition, stack);
            for (ContainerDefinition container : definition.containers()) {
                boolean commanded = ContainerReadiness.commanded(definition, previous, container.name())
                        || ContainerReadiness.commanded(definition, stack, container.name());
                ContainerStatus status = stack.containers().get(container.name());
                if (commanded && status.state() != ContainerState.REMOVED) {
                    removals.add(command(Action.REMOVE, stack, resolved.get(container.name()),
                            stack.deploymentId() + ":" + container.name() + ":remove", eventId, false));
                }
            }
            if (!removals.isEmpty()) {
                history.add(HistoryEntry.of(Kind.ROLLBACK_STARTED, "rolling back: removing " + removals.size()
                        + " container(s) the deployment started"));
                removals.forEach(r -> history.add(HistoryEntry.commanded(r)));
            }
        }
        return Transition.to(previous, stack.completed(at, reason).next(StackStatus.FAILED, eventId), removals,
                history);
    }

    /** Commands for the containers that became startable between {@code before} (null: none) and {@code after}. */
    static List<ContainerCommand> launches(StackDefinition definition, StackDeployment before, StackDeployment after,
                                           String causationId) {
        Set<String> alreadyStartable = before == null || before.status() != StackStatus.DEPLOYING ? Set.of()
                : ContainerReadiness.startable(definition, before).stream().map(ContainerDefinition::name)
                .collect(Collectors.toSet());
        List<ContainerDefinition> startable = ContainerReadiness.startable(definition, after).stream()
                .filter(c -> !alreadyStartable.contains(c.name())).toList();
        if (startable.isEmpty()) {
            return List.of();
        }
        Map<String, ContainerDefinition> resolved = resolved(definition, after);
        String startCommand = after.recentCommandIds().isEmpty() ? null
                : after.recentCommandIds().get(after.recentCommandIds().size() - 1);
        List<ContainerCommand> launches = new ArrayList<>();
        for (ContainerDefinition container : startable) {
            // A container created before (a stopped stack being started) is started; a new one is deployed.
            boolean created = after.containers().get(container.name()).dockerId() != null;
            launches.add(created
                    ? command(Action.START, after, resolved.get(container.name()), after.deploymentId() + ":"
                    + container.name() + ":start:" + startCommand, causationId, false)
                    : command(Action.DEPLOY, after, resolved.get(container.name()), after.deploymentId() + ":"
                    + container.name() + ":deploy", causationId, false));
        }
        return launches;
    }

    static ContainerCommand command(Action action, StackDeployment stack, ContainerDefinition container,
                                    String commandId, String causationId, boolean removeVolumes) {
        return new ContainerCommand(action, commandId, causationId, stack.hostOf(container.name()), stack.stackId(),
                stack.deploymentId(), stack.stackId() + "-" + container.name(), container, removeVolumes);
    }

    /** The containers as they run on their hosts: environments with the stack's endpoints injected. */
    static Map<String, ContainerDefinition> resolved(StackDefinition definition, StackDeployment stack) {
        return stack.placements().isEmpty() ? definition.containers().stream()
                .collect(Collectors.toMap(ContainerDefinition::name, c -> c, (a, b) -> a, LinkedHashMap::new))
                : EnvironmentInjector.resolveContainers(definition, stack.placements());
    }

    private static StackDeployment runningOrDegraded(StackDeployment stack, ContainerStatus reported, String eventId) {
        boolean allRunning = stack.containers().values().stream()
                .allMatch(c -> c.state() == ContainerState.RUNNING && c.health() != Health.UNHEALTHY);
        return allRunning ? stack.completed(stack.completedAt(), null).next(StackStatus.RUNNING, eventId)
                : stack.completed(stack.completedAt(), broken(reported) ? failure(reported) : stack.error())
                .next(StackStatus.DEGRADED, eventId);
    }

    private static boolean broken(ContainerStatus reported) {
        return stopped(reported) || reported.health() == Health.UNHEALTHY;
    }

    /** The container is gone or cannot run: no health check can bring it back. */
    private static boolean stopped(ContainerStatus reported) {
        return reported.state() == ContainerState.FAILED || reported.state() == ContainerState.EXITED;
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
        return a.state() == b.state() && a.health() == b.health() && Objects.equals(a.dockerId(), b.dockerId())
                && Objects.equals(a.hostId(), b.hostId());
    }

    private static List<PlacementRequest.Demand> demands(StackDefinition definition) {
        Map<String, HostConstraint> constraints = new LinkedHashMap<>();
        definition.deployment().hostConstraints().forEach(c -> constraints.put(c.containerName(), c));
        return definition.containers().stream().map(c -> new PlacementRequest.Demand(c.name(), c.ports(),
                c.resources(), constraints.get(c.name()))).toList();
    }
}
